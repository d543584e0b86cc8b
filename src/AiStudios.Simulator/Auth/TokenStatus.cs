namespace AiStudios.Simulator.Auth;

/// <summary>What a V3 <c>Authorization</c> header is worth.</summary>
public enum TokenStatus
{
    Valid,
    Missing,
    Unknown,
    Expired,
}
