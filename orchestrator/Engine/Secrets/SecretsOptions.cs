using Pipeline.Orchestrator.Engine.Hosting;

namespace Pipeline.Orchestrator.Engine.Secrets;

/// <summary>
/// Where the server finds the secrets definitions refer to as <c>${{ secrets.NAME }}</c>; bound from the
/// <c>Secrets</c> configuration section. A secret is the file <see cref="Directory"/>/NAME (a Docker or Kubernetes
/// secret mount), else the server's environment variable <c>PIPELINE_SECRET_NAME</c>.
/// </summary>
public sealed class SecretsOptions : ICheckedOptions
{
    /// <summary>The folder of secret files, one per secret, named as the secret; one trailing newline is dropped.</summary>
    public string Directory { get; set; } = "/run/secrets";

    /// <summary>
    /// Files that are never a step's secret though they may lie in <see cref="Directory"/>: the server's own
    /// (<c>Storage:PasswordFile</c>, set by the server, so compose's <c>/run/secrets/postgres_password</c> stays its own).
    /// </summary>
    public List<string> ServerOwnFiles { get; set; } = [];

    /// <summary>Nothing to refuse: a missing secrets folder only means no secret resolves.</summary>
    public IEnumerable<string> Problems() => [];
}
