using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Telemetry;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>
/// The service's spans and metrics, registered as the hosts register them (<see cref="TelemetryServiceCollectionExtensions.AddSynthTelemetry"/>)
/// and exported to memory while one webhook job runs through the whole pipeline.
/// </summary>
/// <remarks>
/// The instruments are static, so every harness in the process records into them: the collection runs alone, after the
/// parallel ones, and the counts below are this job's own.
/// </remarks>
[Collection(Name)]
public sealed class TelemetryTests(AzuriteFixture azurite)
{
    public const string Name = "telemetry, alone";

    static readonly string[] Steps = ["export project", "check progress", "store record"];

    [Fact]
    public async Task One_webhook_job_leaves_a_span_per_step_and_counts_itself_once()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        string jobId, simulator;
        JobStatus status;
        await using (var harness = await PipelineHarness.StartAsync(azurite.Server, configureServices: services => services.AddSynthTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
            .WithMetrics(metering => metering.AddInMemoryExporter(metrics, reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = int.MaxValue))))
        {
            simulator = harness.Simulator.BaseAddress.Authority;
            jobId = await SubmitAsync(harness, UniqueName("sim:render=1s"));
            status = await WaitForEndAsync(harness, jobId);
            Assert.True(harness.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        }

        // The harness is gone, so nothing adds to the exported lists any more.
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(1, status.Callbacks);

        // Spans: one per step, from the service's own source, each tagged with the job.
        var steps = spans.Where(span => span.Source.Name == SynthTelemetry.Name && Steps.Contains(span.DisplayName) && Tag(span, SynthTelemetry.JobIdTag) == jobId).ToList();
        Assert.Equal(Steps.Order(), steps.Select(span => span.DisplayName).Order());

        // The AI Studios requests are HTTP client spans nested under the steps that sent them, in the same trace.
        var export = steps.Single(span => span.DisplayName == "export project");
        var check = steps.Single(span => span.DisplayName == "check progress");
        var exportCall = Assert.Single(spans, span => span.ParentSpanId == export.SpanId && IsCallTo(span, simulator));
        Assert.Equal(export.TraceId, exportCall.TraceId);
        Assert.Equal("POST", Tag(exportCall, "http.request.method"));
        var progressCall = Assert.Single(spans, span => span.ParentSpanId == check.SpanId && IsCallTo(span, simulator));
        Assert.Equal("GET", Tag(progressCall, "http.request.method"));

        // Metrics: cumulative since the harness started; the last export holds the totals.
        Assert.Equal([("source", "http", 1L)], Sums(metrics, "synth.jobs.started"));
        Assert.Equal([("state", "completed", 1L)], Sums(metrics, "synth.jobs.ended"));
        Assert.Equal(
            [("endpoint=export", "outcome=success", 1L), ("endpoint=progress", "outcome=success", 1L)],
            Points(metrics, "synth.aistudios.calls").Select(point => (Pair(point, "endpoint"), Pair(point, "outcome"), point.GetSumLong())).Order());
        var callbackToResult = Assert.Single(Points(metrics, "synth.callback_to_result.duration"));
        Assert.Equal(1, callbackToResult.GetHistogramCount());
        Assert.InRange(callbackToResult.GetHistogramSum(), 0, (status.CompletedAt!.Value - status.LastCallbackAt!.Value).TotalSeconds + 1);
        var render = Assert.Single(Points(metrics, "synth.render.duration"));
        Assert.Equal(1, render.GetHistogramCount());
    }

    static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    static bool IsCallTo(Activity span, string authority) =>
        span.Kind == ActivityKind.Client && Tag(span, "url.full") is { } url && new Uri(url).Authority == authority;

    /// <summary>The points of the last export of instrument <paramref name="name"/>.</summary>
    static IReadOnlyList<MetricPoint> Points(List<MetricSnapshot> metrics, string name) =>
        metrics.LastOrDefault(metric => metric.Name == name)?.MetricPoints ?? throw new Xunit.Sdk.XunitException($"No {name} was exported.");

    static string Pair(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return $"{key}={tag.Value}";
            }
        }

        return $"{key} missing";
    }

    /// <summary>A counter with one tag: each point as (tag, value, sum).</summary>
    static List<(string, string, long)> Sums(List<MetricSnapshot> metrics, string name) =>
        [.. Points(metrics, name).Select(point =>
        {
            var tags = new List<KeyValuePair<string, object?>>();
            foreach (var tag in point.Tags)
            {
                tags.Add(tag);
            }

            var only = Assert.Single(tags);
            return (only.Key, only.Value?.ToString() ?? "", point.GetSumLong());
        })];
}

/// <summary>Runs after the parallel collections and by itself, so only its own jobs feed the process-wide instruments.</summary>
[CollectionDefinition(TelemetryTests.Name, DisableParallelization = true)]
public sealed class TelemetryRunsAlone;
