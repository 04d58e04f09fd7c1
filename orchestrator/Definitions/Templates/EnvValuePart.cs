namespace Pipeline.Orchestrator.Definitions.Templates;

/// <summary>
/// A piece of an environment value that uses secrets, as stored with a run: rendered text, or the name of a secret
/// the runner puts in when it starts the step (exactly one of the two is set). The value itself is never stored.
/// </summary>
public sealed record EnvValuePart(string? Text = null, string? Secret = null);
