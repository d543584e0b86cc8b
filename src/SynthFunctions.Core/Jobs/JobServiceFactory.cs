using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Orchestration;
using SynthFunctions.Core.Storage;

namespace SynthFunctions.Core.Jobs;

/// <summary>Makes a <see cref="JobService"/> over a given client: the Functions host hands one to each invocation.</summary>
public sealed class JobServiceFactory(
    IJobRequestStore requests, IRenderProgressStore reportedProgress, IOptionsMonitor<JobPolicy> policy, TimeProvider time, ILoggerFactory loggers)
{
    public JobService Create(DurableTaskClient client) => new(client, requests, reportedProgress, policy, time, loggers.CreateLogger<JobService>());
}
