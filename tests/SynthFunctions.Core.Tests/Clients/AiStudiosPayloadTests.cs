using SynthFunctions.Core.Clients.AiStudios;

namespace SynthFunctions.Core.Tests.Clients;

public class AiStudiosPayloadTests
{
    static AiStudiosPayload Read(string json) => AiStudiosPayload.TryParse(json) ?? throw new InvalidOperationException("not an object");

    [Theory]
    [InlineData("""{"success":true,"cube_used":1,"key":"abcdefg"}""")]
    [InlineData("""{"success":true,"data":{"key":"abcdefg","cube_used":1}}""")]
    [InlineData("""{"success":true,"cube_used":1,"data":{"key":"abcdefg"}}""")]
    public void The_export_key_and_cubes_are_found_in_every_documented_shape(string json)
    {
        var payload = Read(json);

        Assert.Equal(("abcdefg", 1.0, true), (payload.String("key"), payload.Number("cube_used"), payload.Success));
    }

    [Theory]
    [InlineData("""{"progress": 42.5, "videoUrl": null}""", 42.5, null)]
    [InlineData("""{"success": true, "data": {"progress": 42.5}}""", 42.5, null)]
    [InlineData("""{"success": true, "data": {"progress": 100, "url": "https://x.example/v.mp4"}}""", 100.0, "https://x.example/v.mp4")]
    [InlineData("""{"progress": "100", "videoUrl": "https://x.example/v.mp4"}""", 100.0, "https://x.example/v.mp4")]
    [InlineData("""{"data": {"progress": 100, "downloadUrl": "https://x.example/d.mp4"}}""", 100.0, "https://x.example/d.mp4")]
    public void Progress_and_its_url_are_read_from_flat_and_wrapped_shapes(string json, double progress, string? url)
    {
        var payload = Read(json);

        Assert.Equal(progress, payload.Number("progress"));
        Assert.Equal(url, payload.String("videoUrl", "url", "downloadUrl"));
    }

    [Theory]
    [InlineData("""{"success":false,"msg":"bad scene"}""", "bad scene", null)]
    [InlineData("""{"success":false,"message":"bad scene"}""", "bad scene", null)]
    [InlineData("""{"success":false,"error":{"code":4001,"msg":"bad scene"}}""", "bad scene", "4001")]
    [InlineData("""{"success":false,"data":{"error":{"code":"E1","message":"bad scene"}}}""", "bad scene", "E1")]
    public void Error_messages_and_codes_are_found_in_v1_and_v3_shapes(string json, string message, string? code)
    {
        var payload = Read(json);

        Assert.Equal((false, message, code), (payload.Success, payload.ErrorMessage, payload.ErrorCode));
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void A_body_that_is_not_a_json_object_is_not_a_payload(string body) => Assert.Null(AiStudiosPayload.TryParse(body));

    [Fact]
    public void A_render_is_done_only_at_100_percent_with_a_url()
    {
        var url = new Uri("https://x.example/v.mp4");

        Assert.False(new RenderProgress(100, null, null, 1).IsDone);
        Assert.False(new RenderProgress(99.9, url, null, 1).IsDone);
        Assert.True(new RenderProgress(100, url, null, 1).IsDone);
    }
}
