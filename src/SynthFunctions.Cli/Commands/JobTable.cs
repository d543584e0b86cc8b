using System.Globalization;
using Spectre.Console;

namespace SynthFunctions.Cli.Commands;

/// <summary>Jobs as a table: a rendered one in a terminal, aligned text otherwise.</summary>
internal static class JobTable
{
    public static Table Render(IReadOnlyList<JobSnapshot> jobs)
    {
        var table = new Table().AddColumns("Id", "Name", "State", "Progress", "Calls");
        foreach (var job in jobs)
        {
            table.AddRow(Markup.Escape(job.Id), Markup.Escape(job.Name ?? ""), Markup.Escape(job.State), $"{Percent(job)}%", job.AiStudiosCalls.ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }

    public static void Print(IReadOnlyList<JobSnapshot> jobs)
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

    public static string Row(JobSnapshot job) => $"{job.Id,-37} {job.State,-10} {Percent(job) + "%",8} {job.AiStudiosCalls,5}  {job.Name}";

    static string Percent(JobSnapshot job) => job.Progress.ToString("0", CultureInfo.InvariantCulture);
}
