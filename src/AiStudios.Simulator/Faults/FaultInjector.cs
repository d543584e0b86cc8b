using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Faults;

/// <summary>Random fault decisions (seeded when <see cref="SimulatorOptions.Seed"/> is set) and the periodic outage window.</summary>
public sealed class FaultInjector
{
    readonly Lock gate = new();
    readonly Random random;
    readonly IOptionsMonitor<SimulatorOptions> options;
    readonly TimeProvider time;
    readonly DateTimeOffset startedAt;

    public FaultInjector(IOptionsMonitor<SimulatorOptions> options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        startedAt = time.GetUtcNow();
        random = options.CurrentValue.Seed is { } seed ? new Random(seed) : new Random();
    }

    SimulatorFaultOptions Faults => options.CurrentValue.Faults;

    /// <summary>True with probability <paramref name="rate"/>.</summary>
    public bool Chance(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (gate)
        {
            return random.NextDouble() < rate;
        }
    }

    /// <summary>True inside the last <see cref="SimulatorFaultOptions.OutageDuration"/> of every <see cref="SimulatorFaultOptions.OutageEvery"/>.</summary>
    public bool InOutage()
    {
        if (Faults.OutageEvery is not { } every || every <= TimeSpan.Zero)
        {
            return false;
        }

        var phase = TimeSpan.FromTicks((time.GetUtcNow() - startedAt).Ticks % every.Ticks);
        return phase >= every - Faults.OutageDuration;
    }

    /// <summary>True inside the storm window: from the middle of every <see cref="SimulatorFaultOptions.RateLimitStormEvery"/>, for its duration.</summary>
    public bool InRateLimitStorm()
    {
        if (Faults.RateLimitStormEvery is not { } every || every <= TimeSpan.Zero)
        {
            return false;
        }

        var phase = TimeSpan.FromTicks((time.GetUtcNow() - startedAt).Ticks % every.Ticks);
        return phase >= every / 2 && phase < every / 2 + Faults.RateLimitStormDuration;
    }

    public bool RateLimitNow() => InRateLimitStorm() || Chance(Faults.RateLimitRate);

    public bool ServerErrorNow() => Chance(Faults.ServerErrorRate);

    public bool SlowNow() => Chance(Faults.SlowResponseRate);
}
