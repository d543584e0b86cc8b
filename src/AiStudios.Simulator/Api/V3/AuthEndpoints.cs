using System.Text.Json.Nodes;
using AiStudios.Simulator.Auth;
using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Projects;

namespace AiStudios.Simulator.Api.V3;

/// <summary>Token issuance <c>POST /api/odin/v3/auth/token</c> and token check <c>GET /api/odin/v3/auth</c>.</summary>
internal static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapPost("/auth/token", IssueAsync).WithMetadata(new CountedAs(SimulatorEndpoint.V3Token));
        v3.MapGet("/auth", Check).WithMetadata(new CountedAs(SimulatorEndpoint.V3AuthCheck));
    }

    static async Task<IResult> IssueAsync(HttpContext http, AccessTokens tokens)
    {
        if (await JsonBody.ReadObjectAsync(http.Request) is not { } body)
        {
            return ApiResponses.V3Failure("request body must be a JSON object", StatusCodes.Status400BadRequest);
        }

        if (JsonFields.NonEmptyText(body["appId"]) is not { } appId || JsonFields.NonEmptyText(body["userKey"]) is not { } userKey)
        {
            return ApiResponses.V3Failure("appId and userKey are required", StatusCodes.Status400BadRequest);
        }

        return tokens.CredentialsMatch(appId, userKey)
            ? ApiResponses.V3Success(new JsonObject { ["token"] = tokens.Issue() })
            : ApiResponses.V3Failure("invalid appId or userKey", StatusCodes.Status401Unauthorized);
    }

    /// <summary>
    /// Whether the docs' check answers <c>isAuthenticated:false</c> or an error for a bad token is unconfirmed;
    /// the simulator answers 200 with false, which is what the field is for.
    /// </summary>
    static IResult Check(HttpContext http, AccessTokens tokens) =>
        ApiResponses.V3Success(new JsonObject
        {
            ["isAuthenticated"] = tokens.Check(http.Request.Headers.Authorization.ToString()) == TokenStatus.Valid,
        });
}
