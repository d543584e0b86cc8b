using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SynthFunctions.Http;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>What both hosts need to serve the dashboard and its security headers.</summary>
    public static IServiceCollection AddSynthDashboard(this IServiceCollection services)
    {
        services.TryAddSingleton<ContentSecurityPolicy>();
        services.TryAddSingleton<DashboardFiles>();
        return services;
    }
}
