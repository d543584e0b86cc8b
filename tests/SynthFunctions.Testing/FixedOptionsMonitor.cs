using Microsoft.Extensions.Options;

namespace SynthFunctions.Testing;

/// <summary>Options that never change, for types that read an <see cref="IOptionsMonitor{TOptions}"/>.</summary>
public sealed class FixedOptionsMonitor<TOptions>(TOptions value) : IOptionsMonitor<TOptions>
{
    public TOptions CurrentValue => value;

    public TOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<TOptions, string?> listener) => null;
}
