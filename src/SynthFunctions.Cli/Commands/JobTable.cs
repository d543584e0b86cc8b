using System.Globalization;
using Spectre.Console;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Cli.Commands;

/// <summary>Jobs as a table: a rendered one in a terminal, aligned text otherwise.</summary>
internal static class JobTable
{
    public static Table Render(IReadOnlyList<JobStatus> jobs)
    {
        var table = new Table().AddColumns("Id", "Name", "State", "Progress", "Calls");
        foreach (var job in jobs)
        {
            table.AddRow(Markup.Escape(job.Id), Markup.Escape(job.Name ?? ""), Markup.Escape(job.State.ApiName), $"{Percent(job)}%", job.AiStudiosCalls.ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }

    public static void Print(IReadOnlyList<JobStatus> jobs)
    {
        if (Output.Interactive)
        {
            AnsiConsole.Write(Render(jobs));
            return;
        }

        Output.Line($"{"ID",-37} {"STATE",-10} {"PROGRESS",8} {"CALLS",5}  NAME");
        foreach (var job in jobs)
        {
            Output.Line(Row(job));
        }
    }

    public static string Row(JobStatus job) => $"{job.Id,-37} {job.State.ApiName,-10} {Percent(job) + "%",8} {job.AiStudiosCalls,5}  {job.Name}";

    static string Percent(JobStatus job) => job.Progress.ToString("0", CultureInfo.InvariantCulture);
}
