using System.CommandLine;
using System.Text.Json.Nodes;

namespace SynthFunctions.Cli.Commands;

/// <summary><c>list [--state S]</c>: recent jobs.</summary>
internal static class ListCommand
{
    public static Option<string?> StateOption() => new("--state") { Description = "Only jobs in this state: queued, submitting, rendering, storing, completed, failed, cancelled." };

    public static Command Create(GlobalOptions global)
    {
        var state = StateOption();
        var pageSize = new Option<int>("--page-size") { Description = "At most this many jobs (1 to 500). Default: 50.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List recent jobs.") { state, pageSize };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(global.Url), async () =>
        {
            using var service = global.Service(parse);
            var answer = await service.ListAsync(parse.GetValue(state), parse.GetValue(pageSize), cancellationToken);
            if (!answer.IsSuccess)
            {
                return CommandRunner.ReportRefusal(answer);
            }

            JobTable.Print(Jobs(answer));
            return ExitCodes.Success;
        }));
        return command;
    }

    public static IReadOnlyList<JobSnapshot> Jobs(ApiAnswer answer) =>
        (answer.Body?["jobs"] as JsonArray ?? []).Select(job => JobSnapshot.From(job!)).ToList();
}
