using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Core.Jobs;

/// <summary>Makes a <see cref="VideoJobs"/> over a given client: the Functions host hands one to each invocation.</summary>
public sealed class VideoJobsFactory(IOptionsMonitor<SynthesisOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    public VideoJobs Create(DurableTaskClient client) => new(client, options, time, loggers.CreateLogger<VideoJobs>());
}
