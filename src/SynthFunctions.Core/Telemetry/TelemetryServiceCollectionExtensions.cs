using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SynthFunctions.Core.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Durable Task's own spans (orchestrations and activities), under which the job steps nest.</summary>
    const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>
    /// OpenTelemetry for this service, the same in both hosts: its <see cref="SynthTelemetry"/> spans and metrics, Durable
    /// Task's spans, and outgoing HTTP calls (AI Studios, storage, video downloads). The host adds its exporter.
    /// </summary>
    public static OpenTelemetryBuilder AddSynthTelemetry(this IServiceCollection services) =>
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(SynthTelemetry.Name))
            .WithTracing(tracing => tracing.AddSource(SynthTelemetry.Name, DurableTaskSource).AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(SynthTelemetry.Name).AddHttpClientInstrumentation());
}
