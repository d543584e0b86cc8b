using Microsoft.AspNetCore.Http;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Http;

/// <summary>
/// <c>GET /api/models</c>: the account's avatars and their outfits (V3 <c>GET /api/odin/v3/model</c>), the ids a request
/// names as model and clothes. 404 on the classic API, which documents no list; 502 when AI Studios does not answer.
/// </summary>
public static class ModelEndpoints
{
    public static async Task<IResult> ListAsync(IAiStudiosClient aiStudios, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aiStudios);
        try
        {
            return await aiStudios.ListModelsAsync(cancellationToken) is { } models
                ? Results.Json(new { models }, SynthJson.Options)
                : Results.Problem(
                    title: "No model list on the classic API",
                    detail: "The classic AI Studios API documents no list of avatars; find model and clothes ids in the AI Studios web editor.",
                    statusCode: StatusCodes.Status404NotFound);
        }
        catch (AiStudiosException ex)
        {
            return Results.Problem(title: "AI Studios did not give the model list", detail: ex.Message, statusCode: StatusCodes.Status502BadGateway);
        }
    }
}
