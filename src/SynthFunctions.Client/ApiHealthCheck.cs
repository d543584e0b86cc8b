using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SynthFunctions.Client;

/// <summary>One named check of <see cref="ApiHealth"/>.</summary>
public sealed record ApiHealthCheck(HealthStatus Status, string? Description);
