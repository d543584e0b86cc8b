namespace SynthFunctions.Reliability;

/// <summary>Keeps every response body a host sends, typed calls and raw ones alike, for the secrets scan.</summary>
internal sealed class RecordingHandler(RunArtifacts artifacts) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        artifacts.Add($"http:{request.Method} {request.RequestUri}", await response.Content.ReadAsStringAsync(cancellationToken));
        return response;
    }
}
