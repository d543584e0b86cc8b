using System.Text.Json;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Notifications;

/// <summary>
/// A notification body in the envelope Standard Webhooks recommends: <c>{ "type", "timestamp", "data" }</c>. Thin on
/// purpose: ids, state and where the results are, never the results themselves.
/// </summary>
/// <param name="Type">One of <see cref="NotificationEventTypes"/>.</param>
/// <param name="Timestamp">When the event happened (not when it is delivered).</param>
public sealed record NotificationEvent<TData>(string Type, DateTimeOffset Timestamp, TData Data)
    where TData : class
{
    /// <summary>The body to sign and send, written with <see cref="SynthJson.Options"/>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SynthJson.Options);
}
