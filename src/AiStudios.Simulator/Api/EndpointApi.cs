using AiStudios.Simulator.Projects;

namespace AiStudios.Simulator.Api;

/// <summary>Route group metadata: which API an endpoint belongs to, so the shared filters answer in its shape.</summary>
internal sealed record EndpointApi(StudioApi Api)
{
    public static StudioApi Of(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<EndpointApi>()?.Api ?? StudioApi.Classic;
}
