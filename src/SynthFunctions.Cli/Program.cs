using System.CommandLine;
using SynthFunctions.Cli;
using SynthFunctions.Cli.Commands;

var global = new GlobalOptions();
var root = new RootCommand("SynthFunctions: render AI avatar videos through the service (either host).");
global.AddTo(root);
root.Subcommands.Add(SubmitCommand.Create(global));
root.Subcommands.Add(UploadCommand.Create(global));
root.Subcommands.Add(StatusCommand.Create(global));
root.Subcommands.Add(ListCommand.Create(global));
root.Subcommands.Add(CancelCommand.Create(global));
root.Subcommands.Add(WatchCommand.Create(global));
root.Subcommands.Add(BatchCommand.Create(global));
root.Subcommands.Add(ListenCommand.Create());
return await root.Parse(args).InvokeAsync();
