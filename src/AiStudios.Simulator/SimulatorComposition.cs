using AiStudios.Simulator.Api;
using AiStudios.Simulator.Api.V3;
using AiStudios.Simulator.Auth;
using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Faults;
using AiStudios.Simulator.Projects;
using AiStudios.Simulator.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator;

/// <summary>Registers the simulator's services and maps its routes, for the standalone app and for hosts that embed it.</summary>
public static class SimulatorComposition
{
    public static IServiceCollection AddAiStudiosSimulator(this IServiceCollection services)
    {
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var dataPath = provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.DataPath;
            return string.IsNullOrWhiteSpace(dataPath) ? ProjectJournal.InMemory() : ProjectJournal.Open(dataPath);
        });
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<RenderGauge>();
        services.AddSingleton<CallLedger>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<ProjectFactory>();
        services.AddSingleton<TemplateLibrary>();
        services.AddSingleton<RenderStarter>();
        services.AddSingleton<ExportGate>();
        services.AddSingleton<VideoUrls>();
        services.AddSingleton<CallbackMessages>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddSingleton<CallRecordingFilter>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<AccessTokenFilter>();
        services.AddSingleton<FaultFilter>();
        return services;
    }

    public static IEndpointRouteBuilder MapAiStudiosSimulator(this IEndpointRouteBuilder endpoints)
    {
        // Calls are counted first, whatever happens next; then the key or token; then the configured faults.
        var v3 = endpoints.MapGroup("/api/odin/v3")
            .WithMetadata(new EndpointApi(StudioApi.V3))
            .AddEndpointFilter<CallRecordingFilter>();
        AuthEndpoints.Map(v3.MapGroup("").AddEndpointFilter<FaultFilter>());
        var v3WithToken = v3.MapGroup("")
            .AddEndpointFilter<AccessTokenFilter>()
            .AddEndpointFilter<FaultFilter>();
        EditorExportEndpoints.Map(v3WithToken);
        EditorProjectEndpoints.Map(v3WithToken);
        ModelEndpoints.Map(v3WithToken);

        var classic = endpoints.MapGroup("/api/odin")
            .WithMetadata(new EndpointApi(StudioApi.Classic))
            .AddEndpointFilter<CallRecordingFilter>()
            .AddEndpointFilter<ApiKeyFilter>()
            .AddEndpointFilter<FaultFilter>();
        ExportEndpoints.Map(classic);
        ProgressEndpoints.Map(classic);

        var downloads = endpoints.MapGroup("").AddEndpointFilter<CallRecordingFilter>();
        VideoEndpoints.Map(downloads);
        InspectionEndpoints.Map(endpoints);
        return endpoints;
    }
}
