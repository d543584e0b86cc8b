namespace SynthFunctions.Core.Contracts;

/// <summary>
/// A caller's wish to be told when its job or batch ends: <c>"notify": { "url": "https://…" }</c> in a request, or the
/// <c>notify</c> query parameter or <c>Notify-Url</c> header where the body is a script or a CSV file.
/// </summary>
public sealed record NotifyRequest
{
    public const string QueryParameter = "notify";
    public const string Header = "Notify-Url";

    public required string Url { get; init; }
}
