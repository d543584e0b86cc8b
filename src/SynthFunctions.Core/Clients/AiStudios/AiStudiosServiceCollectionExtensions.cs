using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using Refit;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Clients.AiStudios;

public static class AiStudiosServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAiStudiosClient"/> for the API the account speaks: options from the <c>AiStudios</c> section
    /// (validated at start-up), authentication (API key or V3 access tokens), and the resilience pipeline (total timeout,
    /// retry, circuit breaker, attempt timeout).
    /// </summary>
    public static IServiceCollection AddAiStudiosClient(this IServiceCollection services)
    {
        services.AddOptions<AiStudiosOptions>()
            .BindConfiguration(AiStudiosOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AiStudiosOptions>, AiStudiosOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccessTokenSource>();
        services.TryAddSingleton<AiStudiosCaller>();
        services.AddTransient<AiStudiosAuthenticationHandler>();
        services.AddTransient<AttemptCountingHandler>();
        services.AddHttpClient(AccessTokenSource.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(_ => true)
            .AddStandardResilienceHandler();

        var refitSettings = new RefitSettings(new SystemTextJsonContentSerializer(SynthJson.Options));
        AddApi(services.AddRefitGeneratedClient<IClassicAiStudiosApi>(refitSettings));
        AddApi(services.AddRefitGeneratedClient<IV3AiStudiosApi>(refitSettings));
        services.TryAddSingleton<ClassicAiStudiosClient>();
        services.TryAddSingleton<V3AiStudiosClient>();
        services.TryAddSingleton<IAiStudiosClient>(provider =>
            provider.GetRequiredService<IOptions<AiStudiosOptions>>().Value.EffectiveApi == AiStudiosApi.V3
                ? provider.GetRequiredService<V3AiStudiosClient>()
                : provider.GetRequiredService<ClassicAiStudiosClient>());

        // A failed attempt the pipeline may still retry, and a circuit opening during an outage, are warnings: both are
        // expected and heal themselves, the call's final outcome is logged by the client, and error-level lines for an
        // API's ordinary hiccups would alarm operators for nothing.
        services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = args =>
            args.Event.EventName is "ExecutionAttempt" or "OnCircuitOpened" && args.Event.Severity == ResilienceEventSeverity.Error
                ? ResilienceEventSeverity.Warning
                : args.Event.Severity);

        return services;
    }

    static void AddApi(IHttpClientBuilder client)
    {
        client
            .ConfigureHttpClient((provider, client) =>
            {
                client.BaseAddress = provider.GetRequiredService<IOptions<AiStudiosOptions>>().Value.EffectiveBaseUrl;
                // The resilience pipeline owns every timeout.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // No HttpClient logging: its Trace header events redact the Authorization value (the API key or a V3 token) only
            // in the formatted message; their structured state still carries it, and structured sinks write that state.
            .RemoveAllLoggers()
            .AddHttpMessageHandler<AiStudiosAuthenticationHandler>();
        // Order matters: handlers added later sit inside the resilience handler and see every attempt.
        client.AddResilienceHandler("aistudios", ConfigureResilience);
        client.AddHttpMessageHandler<AttemptCountingHandler>();
    }

    static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<AiStudiosOptions>>().Value;

        pipeline
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    options.MaxRetries > 0
                    && AiStudiosRetryRule.ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), options.MaxInCallRetryAfter)),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitFailureRatio,
                MinimumThroughput = options.CircuitMinimumThroughput,
                SamplingDuration = options.CircuitSamplingDuration,
                BreakDuration = options.CircuitBreakDuration,
            })
            .AddTimeout(options.AttemptTimeout);
    }
}
