using AiStudios.Simulator.Auth;

namespace AiStudios.Simulator.Api.V3;

/// <summary>
/// Requires a token from <c>POST /api/odin/v3/auth/token</c>, raw in the <c>Authorization</c> header as every
/// documented example sends it (aistudios-v3.md §1.2); <c>Bearer …</c> is refused like any unknown token.
/// </summary>
internal sealed class AccessTokenFilter(AccessTokens tokens) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var message = tokens.Check(context.HttpContext.Request.Headers.Authorization.ToString()) switch
        {
            TokenStatus.Valid => null,
            TokenStatus.Missing => "authorization token is missing: send the token from POST /api/odin/v3/auth/token as the Authorization header",
            TokenStatus.Expired => "authorization token has expired: issue a new one with POST /api/odin/v3/auth/token",
            _ => "authorization token is invalid",
        };
        return message is null ? await next(context) : ApiResponses.V3Failure(message, StatusCodes.Status401Unauthorized);
    }
}
