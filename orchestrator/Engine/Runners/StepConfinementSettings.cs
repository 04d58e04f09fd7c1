namespace Pipeline.Orchestrator.Engine.Runners;

/// <summary>Where the server lets steps reach, as the step programs are told it.</summary>
/// <param name="PathRoots">The folders path options may lead into, as one <c>PIPELINE_PATH_ROOTS</c> value; null
/// when a root's path holds the separator (the server's own checks still apply).</param>
/// <param name="AllowPrivateUrls">Whether URLs may lead to private addresses (<c>Engine:AllowPrivateUrls</c>).</param>
public sealed record StepConfinementSettings(string? PathRoots, bool AllowPrivateUrls);
