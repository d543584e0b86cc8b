using System.Diagnostics;

namespace SynthFunctions.Testing;

/// <summary>Waits for a condition with a bounded timeout, checking it often; tests never sleep to synchronise.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        _ = await ValueAsync<object>(async () => await condition() ? condition : null, what, timeout, interval);
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout, interval);

    /// <summary>Returns the first non-null value <paramref name="probe"/> gives within the timeout.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
        where T : notnull
    {
        var limit = Scale(timeout ?? DefaultTimeout);
        var stopwatch = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                last = ex;
            }

            if (stopwatch.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}.", last);
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>Timeouts grow under a debugger, so stepping through a test does not fail it.</summary>
    public static TimeSpan Scale(TimeSpan timeout) => Debugger.IsAttached ? timeout * 100 : timeout;
}
