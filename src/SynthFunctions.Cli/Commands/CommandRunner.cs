using System.Net;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Cli.Commands;

/// <summary>What every command does about refusals, the service being unreachable, and Ctrl+C.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(string? serviceUrl, Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (UsageException ex)
        {
            Output.Error(ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (SynthApiException ex)
        {
            return ReportRefusal(ex);
        }
        catch (StorageFailedException ex)
        {
            Output.Error(ex.Message);
            return ExitCodes.ServiceError;
        }
        catch (HttpRequestException ex)
        {
            Output.Error($"Cannot reach the service at {serviceUrl}: {ex.Message}");
            Output.Error("Is it running? Start it with: dotnet run --project src/SynthFunctions.SelfHost");
            return ExitCodes.ServiceError;
        }
        catch (OperationCanceledException)
        {
            Output.Error("Interrupted.");
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>The exit code for a job that has ended, or for one that vanished (null) while followed.</summary>
    public static int ExitCodeFor(JobStatus? job) =>
        job is null ? ExitCodes.NotFound : job.State == JobState.Completed ? ExitCodes.Success : ExitCodes.JobDidNotComplete;

    /// <summary>A batch's exit code: 0 when every row completed, 1 when a row did not (or the batch was cancelled), 3 when it vanished.</summary>
    public static int ExitCodeFor(BatchStatus? batch) =>
        batch is null ? ExitCodes.NotFound
        : batch is { State: BatchState.Completed, Counts.Failed: 0, Counts.Cancelled: 0 } ? ExitCodes.Success
        : ExitCodes.JobDidNotComplete;

    /// <summary>A refusal as lines: the problem's title, then every listed error, or its detail.</summary>
    static int ReportRefusal(SynthApiException refusal)
    {
        Output.Error(refusal.Problem.Title ?? $"HTTP {(int)refusal.StatusCode}");
        if (refusal.Problem.Errors.Count > 0)
        {
            foreach (var error in refusal.Problem.Errors)
            {
                Output.Error($"  {error}");
            }
        }
        else if (refusal.Problem.Detail is { } detail)
        {
            Output.Error("  " + detail);
        }

        return refusal.StatusCode switch
        {
            HttpStatusCode.NotFound => ExitCodes.NotFound,
            >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError => ExitCodes.InvalidInput,
            _ => ExitCodes.ServiceError,
        };
    }
}
