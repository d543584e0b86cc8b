namespace SynthFunctions.Core.Contracts;

/// <summary>
/// V3 API: a plain script spoken by one avatar, rendered with <c>simple/video</c> (<c>isExport</c> always sent as true: its
/// default there is false, which renders nothing). Scripts become this on V3 unless a default template is configured.
/// </summary>
public sealed record ScriptRequest : JobRequest
{
    public const string Kind = "script";

    public required string Text { get; init; }

    public required string Model { get; init; }

    public required string Clothes { get; init; }

    public required string Language { get; init; }

    public override AiStudiosApi Api => AiStudiosApi.V3;
}
