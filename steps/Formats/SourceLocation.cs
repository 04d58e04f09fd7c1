namespace Pipeline.Steps.Formats;

/// <summary>Where in an input a problem was found; line and column are 1-based when known.</summary>
public sealed record SourceLocation(string File, long? Line = null, int? Column = null)
{
    /// <summary>Formats as <c>file:line:column</c>, the form compilers use, so editors can jump to it.</summary>
    public override string ToString() =>
        Line is null ? File : Column is null ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
}
