using System.Text.Json.Serialization;

namespace AiStudios.Simulator.Projects;

/// <summary>Which of AI Studios' two APIs a project came from, or an endpoint belongs to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StudioApi>))]
public enum StudioApi
{
    /// <summary>The classic ("v1") API under <c>/api/odin</c>, keyed by a static API key (aistudios-api.md).</summary>
    Classic,

    /// <summary>The V3 API under <c>/api/odin/v3</c>, with access tokens and 24-hex project ids (aistudios-v3.md).</summary>
    V3,
}
