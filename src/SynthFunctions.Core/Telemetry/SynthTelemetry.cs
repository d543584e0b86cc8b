using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SynthFunctions.Core.Telemetry;

/// <summary>
/// The service's own traces and metrics, one source and one meter named <see cref="Name"/>. Both hosts export them
/// (<see cref="TelemetryServiceCollectionExtensions.AddSynthTelemetry"/>); the README lists every instrument.
/// </summary>
public static class SynthTelemetry
{
    public const string Name = "SynthFunctions";

    /// <summary>Spans of the job steps (export, progress check, video copy, record write), each tagged with the job id.</summary>
    public static readonly ActivitySource Source = new(Name);

    static readonly Meter Meter = new(Name);

    static readonly Counter<long> JobsStarted = Meter.CreateCounter<long>("synth.jobs.started", "{job}", "Jobs started, by source (http, blob).");

    static readonly Counter<long> JobsEnded = Meter.CreateCounter<long>("synth.jobs.ended", "{job}", "Jobs ended, by state (completed, failed, cancelled).");

    static readonly Histogram<double> RenderDuration = Meter.CreateHistogram<double>("synth.render.duration", "s", "From the export's acceptance to the render found done.");

    static readonly Counter<long> AiStudiosCalls = Meter.CreateCounter<long>(
        "synth.aistudios.calls", "{call}", "HTTP requests sent to AI Studios, by endpoint and outcome (retries included).");

    static readonly Histogram<double> CallbackToResult = Meter.CreateHistogram<double>(
        "synth.callback_to_result.duration", "s", "From a completion callback's arrival to the job's record written.");

    public const string JobIdTag = "synth.job.id";

    /// <summary>A span for one step of job <paramref name="jobId"/>; null when nobody listens.</summary>
    public static Activity? StartStep(string step, string jobId)
    {
        var activity = Source.StartActivity(step);
        activity?.SetTag(JobIdTag, jobId);
        return activity;
    }

    public static void JobStarted(string sourceKind) => JobsStarted.Add(1, new KeyValuePair<string, object?>("source", sourceKind));

    public static void JobEnded(string state) => JobsEnded.Add(1, new KeyValuePair<string, object?>("state", state));

    public static void RenderFinished(TimeSpan duration) => RenderDuration.Record(duration.TotalSeconds);

    public static void CallbackHandled(TimeSpan sinceCallback) => CallbackToResult.Record(sinceCallback.TotalSeconds);

    public static void AiStudiosCalled(string endpoint, string outcome) =>
        AiStudiosCalls.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", outcome));
}
