using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SynthFunctions.Core.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="NotificationSender"/> and what it needs: the <c>Notifications</c> options (validated at
    /// start-up), the <see cref="NotificationSigner"/>, the <see cref="NotificationTargetGuard"/> with a DNS
    /// <see cref="IHostAddressResolver"/> (register another one to replace it), and an HTTP client on the guarded
    /// handler. No resilience handler: one call is one attempt, and the caller's schedule owns the retries.
    /// </summary>
    public static IServiceCollection AddNotificationSender(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.TryAddSingleton<NotificationTargetGuard>();
        services.TryAddSingleton<NotificationSigner>();

        services.AddHttpClient<NotificationSender>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<NotificationTargetGuard>().CreateHandler())
            // The factory's own request logs print the URL, whose path or query may hold the caller's token;
            // the sender logs each attempt itself, naming only the host.
            .RemoveAllLoggers();
        return services;
    }
}
