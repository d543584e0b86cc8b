using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SynthFunctions.Client;

/// <summary><c>GET /api/health</c>: the overall status and each check (storage, the Durable engine, AI Studios) with why.</summary>
public sealed record ApiHealth(HealthStatus Status, IReadOnlyDictionary<string, ApiHealthCheck> Checks);
