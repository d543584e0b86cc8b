using System.Text.Json.Nodes;

namespace SynthFunctions.Core.Contracts;

/// <summary>
/// V3 API: a full project document (<c>scenes[]</c> with <c>sceneIdx</c>, <c>scripts</c>, <c>background</c>, <c>clips</c>;
/// <c>orientation</c>, <c>resolution</c>, <c>workspaceId</c>), created and exported as given. Kept as JSON: a V3 document
/// carries the web editor's whole state, and every member of it must reach AI Studios unchanged.
/// </summary>
public sealed record V3ProjectRequest : JobRequest
{
    public const string Kind = "v3Project";

    /// <summary>The document, without <c>name</c>, <c>webhookUrl</c> and <c>isExport</c>: the job sets those.</summary>
    public required JsonObject Project { get; init; }

    public override AiStudiosApi Api => AiStudiosApi.V3;
}
