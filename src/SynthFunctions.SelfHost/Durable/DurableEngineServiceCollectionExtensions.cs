using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using SynthFunctions.Core.DependencyInjection;

namespace SynthFunctions.SelfHost.Durable;

public static class DurableEngineServiceCollectionExtensions
{
    /// <summary>
    /// The sidecar engine, then a Durable Task worker running the same orchestration and activities the Functions
    /// app runs, and a client for the API. The sidecar registers first so it is up before the worker connects.
    /// </summary>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services)
    {
        var address = SidecarAddress.OnFreeLoopbackPort();
        var channel = GrpcChannel.ForAddress(address.Value);
        services.AddSingleton(address);
        services.AddSingleton(channel);
        services.AddSingleton<DurableSidecar>();
        services.AddHostedService(provider => provider.GetRequiredService<DurableSidecar>());
        services.AddDurableTaskWorker(worker => worker.UseGrpc(channel).AddTasks(tasks => tasks.AddSynthTasks()));
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });
        return services;
    }
}
