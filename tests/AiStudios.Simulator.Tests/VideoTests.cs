using System.Net;
using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Tests;

public class VideoTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_finished_video_is_a_small_valid_mp4_served_only_once_rendered()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:30" });
        var key = await sim.ExportKeyAsync();
        using var anonymous = new HttpClient();
        var url = new Uri(sim.Server.BaseAddress, $"videos/{key}.mp4");

        using var early = await anonymous.GetAsync(url, Token);
        sim.Clock.Advance(TimeSpan.FromSeconds(30));
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), Token);
        var bytes = await anonymous.GetByteArrayAsync(url, Token);

        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "video/mp4", (long)SampleVideo.Bytes.Length), (head.StatusCode, head.Content.Headers.ContentType!.MediaType, head.Content.Headers.ContentLength!.Value));
        Assert.Equal(SampleVideo.Bytes, bytes);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.Equal(2, sim.Server.Calls.Projects[key].Video); // the HEAD and the GET
    }

    [Fact]
    public async Task A_video_url_with_a_lifetime_is_signed_and_stops_working_when_it_expires()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:10", ["Simulator:VideoUrlLifetime"] = "00:01:00" });
        var key = await sim.ExportKeyAsync();
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        var (_, progress) = await sim.ProgressAsync(key);
        var url = new Uri(progress["data"]!["url"]!.GetValue<string>());
        using var anonymous = new HttpClient();

        sim.Clock.Advance(TimeSpan.FromSeconds(59));
        using var valid = await anonymous.GetAsync(url, Token);
        using var tampered = await anonymous.GetAsync(new Uri(url.ToString().Replace("sig=", "sig=0", StringComparison.Ordinal)), Token);
        sim.Clock.Advance(TimeSpan.FromSeconds(2));
        using var expired = await anonymous.GetAsync(url, Token);

        Assert.Contains("expires=", url.Query);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("Request has expired", await expired.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task A_per_request_expiry_marker_overrides_the_default()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:00" });
        var key = await sim.ExportKeyAsync("quick expiry sim:expire=5s");
        var (_, progress) = await sim.ProgressAsync(key);
        var url = progress["data"]!["url"]!.GetValue<string>();
        using var anonymous = new HttpClient();

        sim.Clock.Advance(TimeSpan.FromSeconds(6));
        using var expired = await anonymous.GetAsync(url, Token);

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }
}
