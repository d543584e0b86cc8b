using System.Net;
using System.Text.Json.Nodes;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Testing;

namespace SynthFunctions.SelfHost.Tests;

internal static class Api
{
    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static string UniqueName(string markers = "") => $"e2e-{Guid.NewGuid():N}" + (markers.Length > 0 ? " " + markers : "");

    public static string Request(string name) => VideoRequests.V3(name, "End to end.");

    /// <summary>The host's API through the typed client, on the host's own connection.</summary>
    public static SynthFunctionsClient ClientFor(SelfHostProcess host) => new(host.Http, host.BaseAddress);

    public static async Task<string> SubmitAsync(SelfHostProcess host, string name) =>
        (await ClientFor(host).SubmitJsonAsync(Request(name), cancellationToken: Token)).Id;

    /// <summary>The job, or null while the host does not know it.</summary>
    public static async Task<JobStatus?> JobAsync(SelfHostProcess host, string id)
    {
        try
        {
            return await ClientFor(host).GetJobAsync(id, Token);
        }
        catch (SynthApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static Task<JobStatus> WaitForStateAsync(SelfHostProcess host, string id, JobState state) =>
        Eventually.ValueAsync(async () => await JobAsync(host, id) is { } job && job.State == state ? job : null,
            $"job {id} to be {state}", TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(250));

    public static Task<JobStatus> WaitForEndAsync(SelfHostProcess host, string id) =>
        Eventually.ValueAsync(async () => await JobAsync(host, id) is { State.IsFinished: true } job ? job : null,
            $"job {id} to finish", TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(250));
}
