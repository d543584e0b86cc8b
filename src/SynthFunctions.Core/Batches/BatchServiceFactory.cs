using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Core.Batches;

/// <summary>Makes a <see cref="BatchService"/> over a given client: the Functions host hands one to each invocation.</summary>
public sealed class BatchServiceFactory(
    IBatchStore store, IOptionsMonitor<BatchOptions> options, IOptionsMonitor<JobPolicy> policy, TimeProvider time, ILoggerFactory loggers)
{
    public BatchService Create(DurableTaskClient client) => new(client, store, options, policy, time, loggers.CreateLogger<BatchService>());
}
