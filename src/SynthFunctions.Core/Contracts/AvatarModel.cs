namespace SynthFunctions.Core.Contracts;

/// <summary>An avatar the account can render, with its outfits: the ids a request names as model and clothes.</summary>
public sealed record AvatarModel(string Id, string Name, string? Thumbnail, IReadOnlyList<AvatarOutfit> Clothes);

public sealed record AvatarOutfit(string Id, string Name, string? Thumbnail);
