using Spectre.Console;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Cli;

/// <summary>Output: rich when a person is watching a terminal, plain lines when output is redirected or captured.</summary>
public static class Output
{
    public static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    public static void Line(string text) => AnsiConsole.Profile.Out.Writer.WriteLine(text);

    public static void Error(string text) => Console.Error.WriteLine(text);

    /// <summary>A finished job's outcome: where its video and record are, or why it did not complete.</summary>
    public static void Outcome(JobStatus job)
    {
        ArgumentNullException.ThrowIfNull(job);
        Line($"Job {job.Id} {job.State.ApiName}" + (job.Name is null ? "" : $" ({job.Name})"));
        if (job.State == JobState.Completed)
        {
            Line($"  video:  {job.VideoUrl}");
            if (job.VideoBlob is not null)
            {
                Line($"  copy:   {job.VideoBlob}");
            }

            Line($"  result: {job.ResultBlob}");
        }
        else if (job.Error is not null)
        {
            Line($"  reason: {job.Error}");
            if (job.ResultBlob is not null)
            {
                Line($"  result: {job.ResultBlob}");
            }
        }
    }

    /// <summary>An ended batch's outcome: its counts, where its manifest is, and the rows that failed.</summary>
    public static void Outcome(BatchStatus batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var counts = batch.Counts;
        Line($"Batch {batch.Id} {BatchFollower.StateName(batch.State)}" + (batch.Name is null ? "" : $" ({batch.Name})")
            + $": {counts.Completed} completed, {counts.Failed} failed, {counts.Cancelled} cancelled of {batch.Total}");
        if (batch.ManifestBlob is not null)
        {
            Line($"  manifest: {batch.ManifestBlob}");
        }

        if (batch.ResultBlob is not null)
        {
            Line($"  totals:   {batch.ResultBlob}");
        }

        foreach (var failure in batch.FailedRows)
        {
            Line($"  row {failure.Row} failed ({failure.JobId}): {failure.Error}");
        }
    }
}
