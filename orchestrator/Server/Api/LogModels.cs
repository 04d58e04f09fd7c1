namespace Pipeline.Orchestrator.Api;

/// <summary>
/// A page of an attempt's log: the bytes <see cref="Offset"/> to <see cref="Next"/>, cut after a newline (a line longer
/// than the page goes on in the next one), of a file <see cref="Size"/> bytes long when read. Ask for
/// <c>offset=Next</c> for the page after, <c>before=Offset</c> for the page before. <see cref="Writing"/>: the attempt
/// still runs and the log may grow (its unfinished last line is left for a later read).
/// </summary>
public sealed record LogPageView(long Offset, long Next, long Size, bool Writing, string Text);
