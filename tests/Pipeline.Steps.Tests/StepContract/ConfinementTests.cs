using System.Collections;
using System.Net;
using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.StepContract;

/// <summary>
/// A step started by the server (<c>PIPELINE_PATH_ROOTS</c> and its siblings set) refuses path options that lead
/// outside the folders it may use, to the server's own files or over a guarded folder, however they are set
/// (command line, environment, a --config file, a folder link that a glob matches), before it writes anything; and
/// its URLs reach only public addresses unless <c>PIPELINE_ALLOW_PRIVATE_URLS</c> says otherwise.
/// </summary>
public sealed class ConfinementTests : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly TempFolder _elsewhere = new();

    private static string Input => Path.Combine(SharedData.HiveTemperature, "test.csv");

    [Fact]
    public async Task Path_options_inside_the_roots_work()
    {
        var output = _root.Combine("runs", "out");
        Assert.Equal(0, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", Input, "--output", output, "--quiet"));
        Assert.True(File.Exists(Path.Combine(output, "_manifest.json")));
    }

    [Fact]
    public async Task An_output_outside_the_roots_is_refused_and_the_folder_there_is_untouched()
    {
        var victim = Path.Combine(_elsewhere.Path, "victim");
        Directory.CreateDirectory(victim);
        await File.WriteAllTextAsync(Path.Combine(victim, "keep.txt"), "mine");

        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", Input, "--output", victim, "--quiet"));
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", Input, $"--output={victim}", "--quiet"));
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(("CHUNKER_OUTPUT", victim)), "--input", Input, "--quiet"));
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", Input, "--output", _root.Combine("runs", "out"), "--state-dir", victim, "--quiet"));

        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(victim, "keep.txt")));
        Assert.Single(Directory.GetFileSystemEntries(victim));
    }

    [Fact]
    public async Task The_servers_state_folder_serves_every_run_and_is_confined_as_a_state_dir()
    {
        var state = _root.Combine("state", "wf", "chunk");
        var server = Roots(("PIPELINE_STATE_DIR", state));

        Assert.Equal(0, await ChunkerRun.RunWithEnvironmentAsync(server, "--input", Input, "--output", _root.Combine("runs", "1", "chunk"), "--skip-processed", "--quiet"));
        Assert.NotEmpty(Directory.EnumerateFiles(state));
        // The next run's output is elsewhere, its state the same: the ledger there knows the input.
        Assert.Equal(65, await ChunkerRun.RunWithEnvironmentAsync(server, "--input", Input, "--output", _root.Combine("runs", "2", "chunk"), "--skip-processed", "--quiet"));
        // A --state-dir given wins over the server's folder.
        var own = _root.Combine("own-state");
        Assert.Equal(0, await ChunkerRun.RunWithEnvironmentAsync(server, "--input", Input, "--output", _root.Combine("runs", "3", "chunk"), "--state-dir", own, "--skip-processed", "--quiet"));
        Assert.NotEmpty(Directory.EnumerateFiles(own));

        var victim = Path.Combine(_elsewhere.Path, "victim-state");
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(("PIPELINE_STATE_DIR", victim)), "--input", Input, "--output", _root.Combine("runs", "4", "chunk"), "--quiet"));
        Assert.False(Directory.Exists(victim));
    }

    [Fact]
    public async Task A_step_never_replaces_a_root_a_guarded_folder_or_one_holding_the_servers_files_nor_reads_them()
    {
        var runs = _root.Combine("runs");
        Directory.CreateDirectory(runs);
        await File.WriteAllTextAsync(Path.Combine(runs, "secret"), "server's own");

        // A root itself: replacing it would stage beside it, outside, and delete everything in it.
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", Input, "--output", _root.Path, "--quiet"));
        // A guarded folder: every run's output lies in it.
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", Input, "--output", runs, "--quiet"));
        // A folder holding a hidden file, and the hidden file itself.
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(("PIPELINE_HIDDEN_PATHS", Path.Combine(runs, "inner", "db"))), "--input", Input, "--output", Path.Combine(runs, "inner"), "--quiet"));
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", Path.Combine(runs, "secret"), "--output", Path.Combine(runs, "x"), "--quiet"));
        // A URL is no folder to write.
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", Input, "--output", "http://example.org/out", "--quiet"));
        Assert.Equal("server's own", await File.ReadAllTextAsync(Path.Combine(runs, "secret")));
    }

    [Fact]
    public async Task A_config_file_cannot_lead_out_and_cannot_itself_be_outside()
    {
        var config = _root.Combine("options.json");
        var victim = Path.Combine(_elsewhere.Path, "victim");
        await File.WriteAllTextAsync(config, $$"""{ "output": "{{victim}}" }""");
        var outsideConfig = Path.Combine(_elsewhere.Path, "options.json");
        await File.WriteAllTextAsync(outsideConfig, "{}");

        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", Input, "--config", config, "--quiet"));
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", Input, "--output", _root.Combine("runs", "out"), "--config", outsideConfig, "--quiet"));
        Assert.False(Directory.Exists(victim));
    }

    [Fact]
    public async Task Inputs_outside_the_roots_are_refused_also_through_a_link_a_folder_holds()
    {
        var outsideCsv = Path.Combine(_elsewhere.Path, "other.csv");
        File.Copy(Input, outsideCsv);
        var folder = _root.Combine("in");
        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(Path.Combine(folder, "linked.csv"), outsideCsv);

        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", outsideCsv, "--output", _root.Combine("runs", "a"), "--quiet"));
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", folder, "--output", _root.Combine("runs", "b"), "--quiet"));
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", folder + "/*.csv", "--output", _root.Combine("runs", "c"), "--quiet"));
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(Roots(), "--input", _root.Combine("..", Path.GetFileName(_elsewhere.Path), "other.csv"), "--output", _root.Combine("runs", "d"), "--quiet"));
        Assert.False(Directory.Exists(_root.Combine("runs", "a")));
    }

    [Fact]
    public async Task A_loopback_URL_is_refused_unless_private_addresses_are_allowed_redirects_included()
    {
        using var listener = new HttpListener();
        var port = PostgresServer.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var requests = 0;
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref requests);
                if (context.Request.Url!.AbsolutePath == "/to-file")
                {
                    context.Response.StatusCode = 302;
                    context.Response.RedirectLocation = "file:///etc/passwd";
                }
                else
                {
                    await using var file = File.OpenRead(Input);
                    await file.CopyToAsync(context.Response.OutputStream);
                }

                context.Response.Close();
            }
        });
        var url = $"http://127.0.0.1:{port}/test.csv";

        Assert.Equal(64, await ChunkerRun.RunAsync("--input", url, "--output", _root.Combine("refused"), "--quiet"));
        Assert.Equal(64, await ChunkerRun.RunAsync("--input", $"http://localhost:{port}/test.csv", "--output", _root.Combine("refused"), "--quiet"));
        Assert.Equal(0, Volatile.Read(ref requests));
        var allowed = new Hashtable { ["PIPELINE_ALLOW_PRIVATE_URLS"] = "true" };
        Assert.Equal(64, await ChunkerRun.RunWithEnvironmentAsync(allowed, "--input", $"http://127.0.0.1:{port}/to-file", "--output", _root.Combine("file"), "--quiet"));
        Assert.Equal(0, await ChunkerRun.RunWithEnvironmentAsync(allowed, "--input", url, "--output", _root.Combine("allowed"), "--quiet"));
        listener.Stop();
        await serving;
    }

    public void Dispose()
    {
        _root.Dispose();
        _elsewhere.Dispose();
    }

    private Hashtable Roots(params (string Name, string Value)[] more)
    {
        // The hive sample is read from the repository's shared data, a root as the server's InputRoots make it; the
        // temp folder is the data root, whose "runs" no output may replace, and the "secret" file is the server's own.
        var environment = new Hashtable
        {
            ["PIPELINE_PATH_ROOTS"] = $"{_root.Path}:{SharedData.HiveTemperature}",
            ["PIPELINE_HIDDEN_PATHS"] = _root.Combine("runs", "secret"),
            ["PIPELINE_GUARDED_PATHS"] = $"{_root.Path}:{_root.Combine("runs")}",
        };
        foreach (var (name, value) in more)
        {
            environment[name] = value;
        }

        return environment;
    }
}
