using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Telemetry;

/// <summary>
/// A real Prometheus scrapes the real server while it runs the shipped sensor-continuous workflow (all four steps on
/// the bundled sample); its query API must then hold the data-frame shapes, step memory, cluster distribution and
/// feature statistics with the values the steps wrote in their manifests, and the run's orchestration series.
/// </summary>
[Collection(PrometheusScrapeTests.Alone)]
public sealed class PrometheusScrapeTests
{
    /// <summary>
    /// Run by itself, after the parallel tests. OpenTelemetry subscribes to meters by name, so in one process the
    /// server here can find its data gauges bound to the same-named instruments of another test's server; when that
    /// server is disposed, the series go with it (seen: features' shapes missing while another test ran
    /// sensor-training). One server per process, as in production, never meets this.
    /// </summary>
    public const string Alone = "prometheus-alone";


    private const string Workflow = "sensor-continuous";
    private static readonly string[] Steps = ["chunk", "features", "train", "predict"];

    [Fact]
    public async Task Prometheus_sees_shapes_memory_clusters_and_runs_with_the_manifests_values()
    {
        var shipped = ShippedWorkflows.Read(Workflow);
        await using var server = await ApiServer.StartAsync([shipped]);
        await using var prometheus = await PrometheusServer.StartAsync(new Uri(server.Http.BaseAddress!.ToString()).Authority);

        var runId = await server.TriggerAsync(Workflow, new()
        {
            ["source"] = SharedData.BundledSample,
            ["registry"] = server.Scratch + "/registry",
        });
        var detail = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        Assert.True(ApiClient.RunState(detail) == "succeeded", detail.ToJsonString());
        // The steps' JSON log lines carry the run's trace id (their TRACEPARENT is their attempt's span).
        var traceId = detail["run"]!["traceId"]!.GetValue<string>();
        var featureLog = await server.LogAsync(runId, "features", 1);
        Assert.Contains($"\"TraceId\":\"{traceId}\"", featureLog, StringComparison.Ordinal);
        var manifests = Steps.ToDictionary(
            s => s, s => JsonNode.Parse(File.ReadAllText(Path.Combine(server.DataRoot, "runs", runId, s, "_manifest.json")))!["metrics"]!);

        // Shapes of every stage the FeatureCreator and the cluster steps reported.
        foreach (var step in new[] { "features", "train", "predict" })
        {
            foreach (var (stage, shape) in manifests[step]["shapes"]!.AsObject())
            {
                await prometheus.AssertValueAsync($"pipeline_data_rows{{{Labels(step)},stage=\"{stage}\"}}", shape!["rows"]!.GetValue<double>());
                await prometheus.AssertValueAsync($"pipeline_data_columns{{{Labels(step)},stage=\"{stage}\"}}", shape["columns"]!.GetValue<double>());
            }
        }

        // Memory of each step's process, the FeatureCreator's above all.
        var memory = manifests["features"]["memory"]!;
        await prometheus.AssertValueAsync($"pipeline_step_memory_bytes{{{Labels("features")},kind=\"working_set\"}}", memory["workingSetBytes"]!.GetValue<double>());
        await prometheus.AssertValueAsync($"pipeline_step_memory_bytes{{{Labels("features")},kind=\"managed_heap\"}}", memory["managedHeapBytes"]!.GetValue<double>());
        await prometheus.AssertValueAsync($"pipeline_step_memory_bytes{{{Labels("features")},kind=\"peak_working_set\"}}", memory["peakWorkingSetBytes"]!.GetValue<double>());

        // The cluster distribution of the model version the prediction used, in training and in prediction.
        var version = manifests["predict"]["model"]!["version"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture);
        foreach (var (set, clusters) in manifests["predict"]["clusterDistribution"]!.AsObject())
        {
            foreach (var cluster in clusters!.AsArray())
            {
                var labels = $"{Labels("predict")},model_version=\"{version}\",set=\"{set}\",cluster=\"{cluster!["cluster"]}\"";
                await prometheus.AssertValueAsync($"pipeline_model_cluster_size{{{labels}}}", cluster["count"]!.GetValue<double>());
                await prometheus.AssertValueAsync($"pipeline_model_cluster_share{{{labels}}}", cluster["share"]!.GetValue<double>(), 12);
            }
        }

        await prometheus.AssertValueAsync($"sum(pipeline_model_cluster_share{{{Labels("predict")},set=\"prediction\"}})", 1.0, 9);

        // Feature statistics and the drift flag of the newest day (measured against the days before it).
        var stats = manifests["features"]["featureStats"]!["TEMP_mean"]!;
        await prometheus.AssertValueAsync($"pipeline_feature_mean{{{Labels("features")},feature=\"TEMP_mean\"}}", stats["mean"]!.GetValue<double>(), 9);
        await prometheus.AssertValueAsync($"pipeline_feature_std{{{Labels("features")},feature=\"TEMP_mean\"}}", stats["std"]!.GetValue<double>(), 9);
        var drifted = manifests["features"]["drift"]!["TEMP_mean"]!["drifted"]!.GetValue<bool>() ? 1 : 0;
        await prometheus.AssertValueAsync($"pipeline_feature_drifted{{{Labels("features")},feature=\"TEMP_mean\"}}", drifted);
        await prometheus.AssertValueAsync($"pipeline_step_rows{{{Labels("chunk")},kind=\"read\"}}", manifests["chunk"]["rowsRead"]!.GetValue<double>());

        // The orchestration: one run started and succeeded, one attempt per step, nothing active or queued.
        await prometheus.AssertValueAsync($"pipeline_runs_triggered_total{{workflow=\"{Workflow}\",trigger=\"manual\"}}", 1);
        await prometheus.AssertValueAsync($"pipeline_runs_finished_total{{workflow=\"{Workflow}\",status=\"succeeded\"}}", 1);
        foreach (var step in manifests.Keys)
        {
            await prometheus.AssertValueAsync($"pipeline_step_duration_seconds_count{{{Labels(step)},status=\"succeeded\"}}", 1);
            await prometheus.AssertValueAsync($"pipeline_step_start_latency_seconds_count{{{Labels(step)}}}", 1);
        }

        await prometheus.AssertValueAsync($"pipeline_runs_active{{workflow=\"{Workflow}\"}}", 0);
        await prometheus.AssertValueAsync($"sum(pipeline_queue_depth{{workflow=\"{Workflow}\"}})", 0);

        await DashboardQueriesRunAsync(prometheus);
    }

    /// <summary>
    /// Every query of the provisioned Grafana dashboard is valid PromQL for this Prometheus, and the panels of shapes,
    /// memory and clusters show data after the run.
    /// </summary>
    private static async Task DashboardQueriesRunAsync(PrometheusServer prometheus)
    {
        var dashboard = Path.Combine(SharedData.RepositoryRoot, "eng", "compose", "grafana", "dashboards", "pipeline-overview.json");
        var expressions = DashboardQueries.From(JsonNode.Parse(await File.ReadAllTextAsync(dashboard))!);
        Assert.True(expressions.Count >= 10, $"only {expressions.Count} queries in {dashboard}");
        foreach (var expression in expressions)
        {
            if (expression.Contains("pipeline_data_rows", StringComparison.Ordinal)
                || expression.Contains("pipeline_step_memory_bytes", StringComparison.Ordinal)
                || expression.Contains("pipeline_model_cluster_share", StringComparison.Ordinal))
            {
                await prometheus.AssertHasDataAsync(expression);
            }
            else
            {
                await prometheus.QueryAsync(expression);
            }
        }
    }

    private static string Labels(string step) => $"workflow=\"{Workflow}\",step=\"{step}\"";
}

[CollectionDefinition(PrometheusScrapeTests.Alone, DisableParallelization = true)]
public sealed class PrometheusAlone;
