using AiStudios.Simulator.Api;
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
        services.AddSingleton<CallLedger>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<ProjectFactory>();
        services.AddSingleton<TemplateLibrary>();
        services.AddSingleton<VideoUrls>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddSingleton<CallRecordingFilter>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<FaultFilter>();
        return services;
    }

    public static IEndpointRouteBuilder MapAiStudiosSimulator(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/odin")
            .AddEndpointFilter<CallRecordingFilter>()
            .AddEndpointFilter<ApiKeyFilter>()
            .AddEndpointFilter<FaultFilter>();
        ExportEndpoints.Map(api);
        ProgressEndpoints.Map(api);

        var downloads = endpoints.MapGroup("").AddEndpointFilter<CallRecordingFilter>();
        VideoEndpoints.Map(downloads);
        InspectionEndpoints.Map(endpoints);
        return endpoints;
    }
}
