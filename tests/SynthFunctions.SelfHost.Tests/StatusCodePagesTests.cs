using System.Net;
using System.Text.Json.Nodes;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>Answers the routing gives before any handler runs are RFC 9457 problem JSON too (UseStatusCodePages over AddProblemDetails).</summary>
[Collection(SharedHost.Name)]
public sealed class StatusCodePagesTests(SelfHostFixture fixture)
{
    SelfHostProcess Host => fixture.Host;

    [Fact]
    public async Task An_unknown_route_is_404_problem_json()
    {
        using var response = await Host.Http.GetAsync("api/no-such-route", Token);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_method_the_route_does_not_take_is_405_problem_json()
    {
        using var response = await Host.Http.PutAsync("api/videos", new StringContent("{}"), Token);

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal((int)expected, (int?)body["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["title"]));
    }
}
