namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>How a job's project is named at AI Studios: after the job, so an export whose answer was lost can be found again by it.</summary>
public static class ProjectNames
{
    public static string For(string jobId, string? requestName) =>
        string.IsNullOrWhiteSpace(requestName) ? $"[{jobId}]" : $"{requestName} [{jobId}]";
}
