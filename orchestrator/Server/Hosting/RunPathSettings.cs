using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Secrets;
using Pipeline.Orchestrator.Models;
using Pipeline.Orchestrator.Persistence.Hosting;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// Completes where runs may read and write from the rest of the server's settings, which the engine does not know:
/// the model registries (written by training steps) and the Docker runner's read-only binds are roots; the server's
/// own database file, password files and secrets folder are hidden from every run, wherever they lie; and no output
/// may replace the datasets or the workflows folder.
/// </summary>
internal static class RunPathSettings
{
    public static EngineOptions WithServerPaths(this EngineOptions engine, IConfiguration configuration)
    {
        // Relative path inputs mean what they mean to the steps: paths from where the process runner starts them.
        engine.InputBase ??= configuration["Runner:Process:WorkingDirectory"];
        var inputBase = Path.GetFullPath(engine.InputBase ?? Directory.GetCurrentDirectory());
        var models = new ModelsOptions();
        configuration.GetSection("Models").Bind(models);
        // As ModelRegistries reads them: relative to where steps start.
        engine.InputRoots.AddRange(models.Registries.Values.Select(folder => Path.GetFullPath(folder, inputBase)));

        var dockerWorkingDirectory = configuration["Runner:Docker:WorkingDirectory"] ?? Directory.GetCurrentDirectory();
        engine.InputRoots.AddRange(configuration.GetSection("Runner:Docker:ReadOnlyBinds").Get<string[]>()?.Select(f => Path.GetFullPath(f, dockerWorkingDirectory)) ?? []);

        if (string.IsNullOrEmpty(configuration["Storage:Database"]))
        {
            var database = Path.GetFullPath(configuration["Storage:SqliteFile"] ?? StorageRegistration.DefaultSqliteFile);
            engine.HiddenPaths.AddRange([database, database + "-wal", database + "-shm", database + "-journal"]);
        }

        var secrets = new SecretsOptions();
        configuration.GetSection("Secrets").Bind(secrets);
        engine.HiddenPaths.Add(Path.GetFullPath(secrets.Directory));
        foreach (var key in new[] { "Storage:PasswordFile", "Auth:Admin:PasswordFile", "Auth:Admin:ApiKeyFile" })
        {
            if (configuration[key] is { Length: > 0 } file)
            {
                engine.HiddenPaths.Add(Path.GetFullPath(file));
            }
        }

        engine.GuardedPaths.Add(Path.GetFullPath(configuration["Datasets:Directory"] ?? Path.Combine(engine.DataRoot, "datasets")));
        engine.GuardedPaths.Add(Path.GetFullPath(configuration["Workflows:Folder"] ?? "workflows"));
        return engine;
    }
}
