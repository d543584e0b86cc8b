namespace SynthFunctions.Cli.Commands;

/// <summary>What every command does about the service being unreachable and about Ctrl+C.</summary>
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

    /// <summary>The exit code for a job that has ended.</summary>
    public static int ExitCodeFor(JobSnapshot? job) =>
        job is null ? ExitCodes.NotFound : job.State == "completed" ? ExitCodes.Success : ExitCodes.JobDidNotComplete;

    public static int ReportRefusal(ApiAnswer answer)
    {
        foreach (var line in answer.ProblemLines())
        {
            Output.Error(line);
        }

        return (int)answer.Status switch
        {
            404 => ExitCodes.NotFound,
            >= 400 and < 500 => ExitCodes.InvalidInput,
            _ => ExitCodes.ServiceError,
        };
    }
}
