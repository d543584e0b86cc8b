using System.Globalization;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Cli;

/// <summary>Follows a job to its end (see <see cref="Follower{TStatus}"/>).</summary>
public sealed class JobFollower(SynthFunctionsClient service, TimeSpan pollInterval)
{
    /// <summary>The job's final state, or null when it vanished (404) while being followed.</summary>
    public Task<JobStatus?> FollowAsync(string jobId, CancellationToken cancellationToken) =>
        new Follower<JobStatus>(token => FindAsync(service, jobId, token), Show, pollInterval).FollowAsync(jobId, cancellationToken);

    /// <summary>The job, or null while there is no such job.</summary>
    public static Task<JobStatus?> FindAsync(SynthFunctionsClient service, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        return Follower.FindAsync(token => service.GetJobAsync(jobId, token), cancellationToken);
    }

    static FollowedProgress Show(JobStatus job)
    {
        var finished = job.State.IsFinished;
        return new FollowedProgress(
            $"{job.Name ?? job.Id} · {job.State.ApiName}",
            job.State == JobState.Completed ? 100 : job.Progress,
            100,
            // Waiting on a callback, the service does not poll, so progress is unknown rather than 0%.
            IsIndeterminate: !finished && job.Progress <= 0,
            $"{job.State.ApiName,-10} {Follower.Bar(job.Progress)} {job.Progress.ToString("0", CultureInfo.InvariantCulture),3}%",
            finished);
    }
}
