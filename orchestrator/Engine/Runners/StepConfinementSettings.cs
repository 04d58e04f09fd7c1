namespace Pipeline.Orchestrator.Engine.Runners;

/// <summary>Where the server lets steps reach, as the step programs are told it.</summary>
/// <param name="Paths">The path policy's variables (<c>PIPELINE_READ_ROOTS</c>, <c>PIPELINE_WRITE_ROOTS</c>,
/// <c>PIPELINE_HIDDEN_PATHS</c>).</param>
/// <param name="AllowPrivateUrls">Whether URLs may lead to private addresses (<c>Engine:AllowPrivateUrls</c>).</param>
public sealed record StepConfinementSettings(IReadOnlyList<KeyValuePair<string, string>> Paths, bool AllowPrivateUrls);
