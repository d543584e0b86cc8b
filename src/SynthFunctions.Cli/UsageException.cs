namespace SynthFunctions.Cli;

/// <summary>The command line itself is wrong; the message says how.</summary>
public sealed class UsageException(string message) : Exception(message);
