namespace Pipeline.Steps.Formats.Manifest;

/// <summary>
/// The part of <c>metrics.model</c> every model step reports: the registry version it trained or scored with. Steps
/// add their own fields beside it (parent, promotion, features...).
/// </summary>
public sealed record ModelUsed(int? Version);
