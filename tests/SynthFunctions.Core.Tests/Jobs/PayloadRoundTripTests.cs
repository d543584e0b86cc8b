using System.Text;
using System.Text.Json;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Orchestration;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Tests.Jobs;

/// <summary>
/// Orchestration payloads survive both JSON configurations they meet: ours, and the Durable data converter's
/// default (a known isolated-worker pitfall is GetInput returning null on a mismatch).
/// </summary>
public class PayloadRoundTripTests
{
    static readonly SynthesisRequest Job = new()
    {
        JobId = "http-0123456789abcdef0123456789abcdef",
        Request = VideoRequestParser.ParseJson(Encoding.UTF8.GetBytes("""
            {"name":"weekly","templateKey":"demo-template","updates":[{"sceneIdx":0,"property":"AIModel","values":{"script":"new script","scale":1.5}}]}
            """)).Request!,
        Source = JobSource.Blob("weekly.json", "\"0x8D\""),
        SubmittedAt = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero),
        RequestHash = "abc",
        CopyVideo = true,
        Resume = new RenderWatch { ProjectKey = "-Nkey", LastProgressAt = new DateTimeOffset(2026, 11, 24, 12, 1, 0, TimeSpan.Zero), Polls = 3, AiStudiosCalls = 4 },
    };

    public static TheoryData<string> Configurations => ["ours", "default"];

    static JsonSerializerOptions Options(string configuration) => configuration == "ours" ? SynthJson.Options : JsonSerializerOptions.Default;

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_orchestration_input_round_trips(string configuration)
    {
        var copy = JsonSerializer.Deserialize<SynthesisRequest>(JsonSerializer.Serialize(Job, Options(configuration)), Options(configuration))!;

        Assert.Equal((Job.JobId, Job.Source, Job.SubmittedAt, Job.RequestHash, Job.CopyVideo, Job.Policy, Job.Resume), (copy.JobId, copy.Source, copy.SubmittedAt, copy.RequestHash, copy.CopyVideo, copy.Policy, copy.Resume));
        Assert.Equal("new script", copy.Request.Updates![0].Values["script"]!.GetValue<string>());
        Assert.Equal(Job.Request.TemplateKey, copy.Request.TemplateKey);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_result_round_trips(string configuration)
    {
        var result = new SynthesisResult
        {
            JobId = Job.JobId,
            Name = "n",
            State = JobState.Failed,
            Reason = "why",
            Source = JobSource.Http(),
            ProjectKey = "-N",
            VideoUrl = "https://v",
            DurationSeconds = 3.27,
            CubesUsed = 2,
            SubmittedAt = Job.SubmittedAt,
            CompletedAt = Job.SubmittedAt.AddMinutes(3),
            AiStudiosCalls = 5,
            VideoBlob = "https://b/v.mp4",
            ResultBlob = "https://b/v.json",
        };

        var copy = JsonSerializer.Deserialize<SynthesisResult>(JsonSerializer.Serialize(result, Options(configuration)), Options(configuration));

        Assert.Equal(result, copy);
    }

    [Fact]
    public void Scenes_serialise_in_the_v1_shape()
    {
        var scene = new Scene { AIModel = new AiModel { Model = "M", Clothes = "C", Script = "Hi", LocationX = 0.1, LocationY = 0 } };

        Assert.Equal("""{"AIModel":{"model":"M","clothes":"C","script":"Hi","locationX":0.1,"locationY":0}}""", JsonSerializer.Serialize(scene, SynthJson.Options));
    }
}
