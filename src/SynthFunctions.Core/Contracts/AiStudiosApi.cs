namespace SynthFunctions.Core.Contracts;

/// <summary>Which AI Studios API the account speaks.</summary>
public enum AiStudiosApi
{
    /// <summary>The current API (<c>app.aistudios.com/api/odin/v3</c>): AppId and UserKey, 24-hour access tokens.</summary>
    V3,

    /// <summary>The legacy API (<c>v2.aistudios.com/api/odin</c>): a static API key.</summary>
    Classic,
}
