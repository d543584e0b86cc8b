namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// Counts the HTTP requests one logical call makes, retries included. It travels in the request's options,
/// which the resilience pipeline copies to every attempt, and <see cref="AttemptCountingHandler"/> increments it.
/// </summary>
internal sealed class AttemptCounter(string endpoint)
{
    /// <summary>The endpoint's name in metrics (<c>export</c>, <c>progress</c>, ...).</summary>
    public string Endpoint => endpoint;

    public const string OptionName = "SynthFunctions.AiStudios.Attempts";

    public static readonly HttpRequestOptionsKey<AttemptCounter> OptionKey = new(OptionName);

    int count;

    public int Count => Volatile.Read(ref count);

    public void Increment() => Interlocked.Increment(ref count);
}
