using SynthFunctions.Core.Contracts;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>
/// The standalone host exports OTLP where the standard OTEL_EXPORTER_OTLP_ENDPOINT names a collector, and nothing
/// otherwise. The collector is a loopback receiver that records what is posted to it.
/// </summary>
public sealed class TelemetryExportTests
{
    /// <summary>Short export intervals (standard variables), so a job of a few seconds sees several exports.</summary>
    static Dictionary<string, string> Otlp() => new()
    {
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "250",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
    };

    [Fact]
    public async Task With_an_otlp_endpoint_the_jobs_spans_and_the_services_metrics_reach_the_collector()
    {
        await using var collector = await WebhookReceiver.StartAsync();
        var settings = Otlp();
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.ToString().TrimEnd('/');
        await using var host = await SelfHostProcess.StartAsync(settings);

        var id = await SubmitAsync(host, UniqueName());
        var job = await WaitForEndAsync(host, id);
        Assert.Equal(JobState.Completed, job.State);

        // OTLP/protobuf carries names and string attributes as UTF-8, so they can be found in the bodies as posted. Spans
        // arrive in batches, so each step's span, tagged with the job's id, may come in a post of its own.
        foreach (var step in new[] { "export project", "check progress", "store record" })
        {
            await Eventually.UntilAsync(() => Posted(collector, "/v1/traces").Any(body => body.Contains(step, StringComparison.Ordinal) && body.Contains(id, StringComparison.Ordinal)),
                $"the job's '{step}' span at /v1/traces");
        }

        // Metrics are cumulative: an export after the job ended carries every instrument it touched.
        string[] instruments = ["synth.jobs.started", "synth.jobs.ended", "synth.aistudios.calls", "synth.render.duration"];
        await Eventually.UntilAsync(() => Posted(collector, "/v1/metrics").Any(body => instruments.All(name => body.Contains(name, StringComparison.Ordinal))),
            "the service's instruments at /v1/metrics");
        Assert.All(collector.Received, request => Assert.Equal("POST", request.Method));
    }

    [Fact]
    public async Task Without_the_otlp_endpoint_nothing_is_exported_even_where_signal_endpoints_are_set()
    {
        // Were an exporter registered regardless, it would post to these signal-specific endpoints (the OTLP exporter
        // reads them), so the collector's silence shows there is none; the general endpoint alone turns export on.
        await using var collector = await WebhookReceiver.StartAsync();
        var settings = Otlp();
        settings["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = collector.UrlFor("v1/traces").ToString();
        settings["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = collector.UrlFor("v1/metrics").ToString();
        settings["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"] = collector.UrlFor("v1/logs").ToString();

        await using var host = await SelfHostProcess.StartAsync(settings);

        var id = await SubmitAsync(host, UniqueName());
        var job = await WaitForEndAsync(host, id);

        // The host's 2 s render (SelfHostProcess' default) spans several 250 ms metric exports and 200 ms span batches; none came.
        Assert.Equal(JobState.Completed, job.State);
        Assert.Empty(collector.Received.Select(request => $"{request.Method} {request.Path}"));
    }

    static IEnumerable<string> Posted(WebhookReceiver collector, string path) =>
        collector.Received.Where(request => request.Path == path).Select(request => request.Body);
}
