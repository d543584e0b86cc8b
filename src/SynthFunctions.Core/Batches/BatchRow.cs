using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Batches;

/// <summary>One row of a batch (1 is the first data row or line) and the request it became.</summary>
public sealed record BatchRow(int Number, JobRequest Request);
