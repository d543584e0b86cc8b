namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>An export AI Studios accepted: the project key to poll, and the cubes it charged when it says.</summary>
public sealed record SubmittedProject(string ProjectKey, int? CubesUsed, int Attempts);
