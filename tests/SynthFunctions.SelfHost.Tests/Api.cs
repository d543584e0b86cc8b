using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SynthFunctions.Testing;

namespace SynthFunctions.SelfHost.Tests;

internal static class Api
{
    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static string UniqueName(string markers = "") => $"e2e-{Guid.NewGuid():N}" + (markers.Length > 0 ? " " + markers : "");

    public static string Request(string name) => new JsonObject
    {
        ["name"] = name,
        ["scenes"] = new JsonArray(new JsonObject
        {
            ["AIModel"] = new JsonObject { ["script"] = "End to end.", ["model"] = "M000004017", ["clothes"] = "BG00006160", ["locationX"] = 0, ["locationY"] = 0 },
        }),
    }.ToJsonString();

    public static async Task<string> SubmitAsync(SelfHostProcess host, string name)
    {
        using var response = await host.Http.PostAsync("api/videos", new StringContent(Request(name), Encoding.UTF8, "application/json"), Token);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!.GetValue<string>();
    }

    public static async Task<JsonObject?> JobAsync(SelfHostProcess host, string id)
    {
        using var response = await host.Http.GetAsync($"api/videos/{id}", Token);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>(Token) : null;
    }

    public static Task<JsonObject> WaitForStateAsync(SelfHostProcess host, string id, params string[] states) =>
        Eventually.ValueAsync(async () => await JobAsync(host, id) is { } job && states.Contains(job["state"]!.GetValue<string>()) ? job : null,
            $"job {id} to be {string.Join(" or ", states)}", TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(250));

    public static Task<JsonObject> WaitForEndAsync(SelfHostProcess host, string id) => WaitForStateAsync(host, id, "completed", "failed", "cancelled");
}
