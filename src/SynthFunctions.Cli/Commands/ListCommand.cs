using System.CommandLine;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Cli.Commands;

/// <summary><c>list [--state S]</c>: recent jobs.</summary>
internal static class ListCommand
{
    public static Option<string?> StateOption() => new("--state") { Description = $"Only jobs in this state: {string.Join(", ", JobStateNames.All)}." };

    /// <summary>The <c>--state</c> given, if any; a <see cref="UsageException"/> when it names no state.</summary>
    public static JobState? State(ParseResult parse, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(option) switch
        {
            null => null,
            var name when JobStateNames.TryParse(name, out var state) => state,
            var name => throw new UsageException($"--state must be one of: {string.Join(", ", JobStateNames.All)}; not '{name}'."),
        };
    }

    public static Command Create(GlobalOptions global)
    {
        var state = StateOption();
        var pageSize = new Option<int>("--page-size") { Description = "At most this many jobs (1 to 500). Default: 50.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List recent jobs.") { state, pageSize };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(global.Url), async () =>
        {
            var page = await global.Service(parse).ListJobsAsync(State(parse, state), parse.GetValue(pageSize), cancellationToken: cancellationToken);
            JobTable.Print(page.Jobs);
            return ExitCodes.Success;
        }));
        return command;
    }
}
