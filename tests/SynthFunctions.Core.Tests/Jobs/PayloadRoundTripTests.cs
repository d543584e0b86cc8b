using System.Text;
using System.Text.Json;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Orchestration;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Tests.Jobs;

/// <summary>
/// Durable payloads survive both JSON configurations they meet: ours, and the Durable data converter's default (a known
/// isolated-worker pitfall is GetInput returning null on a mismatch). The status is read back from custom status and
/// output with ours, whichever wrote it.
/// </summary>
public class PayloadRoundTripTests
{
    static readonly JobStatus Status = new()
    {
        Id = "http-0123456789abcdef0123456789abcdef",
        Name = "n",
        State = JobState.Failed,
        Progress = 42.5,
        Error = "why",
        Source = JobSource.Blob("weekly.json", "0x8D"),
        ProjectKey = "-N",
        VideoUrl = "https://v",
        DurationSeconds = 3.27,
        CubesUsed = 2,
        AiStudiosCalls = 5,
        WebhookRegistered = true,
        Callbacks = 1,
        Polls = 3,
        CreatedAt = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero),
        ExportedAt = new DateTimeOffset(2026, 11, 24, 12, 0, 1, TimeSpan.Zero),
        ProgressChangedAt = new DateTimeOffset(2026, 11, 24, 12, 1, 0, TimeSpan.Zero),
        LastUpdatedAt = new DateTimeOffset(2026, 11, 24, 12, 3, 0, TimeSpan.Zero),
        CompletedAt = new DateTimeOffset(2026, 11, 24, 12, 3, 0, TimeSpan.Zero),
        VideoBlob = "https://b/v.mp4",
        ResultBlob = "https://b/v.json",
    };

    static readonly JobInput Input = new()
    {
        JobId = Status.Id,
        RequestBlob = "requests/" + Status.Id + ".json",
        Name = "weekly",
        Source = JobSource.Blob("weekly.json", "0x8D"),
        SubmittedAt = Status.CreatedAt,
        Policy = new JobPolicy { CopyVideo = true, Deadline = TimeSpan.FromMinutes(5) },
        Resume = Status with { State = JobState.Rendering },
    };

    public static TheoryData<string> Configurations => ["ours", "default"];

    static JsonSerializerOptions Options(string configuration) => configuration == "ours" ? SynthJson.Options : JsonSerializerOptions.Default;

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_orchestration_input_round_trips(string configuration)
    {
        var copy = JsonSerializer.Deserialize<JobInput>(JsonSerializer.Serialize(Input, Options(configuration)), Options(configuration));

        Assert.Equal(Input, copy);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void A_status_written_by_either_configuration_reads_back_with_ours(string configuration)
    {
        var copy = JsonSerializer.Deserialize<JobStatus>(JsonSerializer.Serialize(Status, Options(configuration)), SynthJson.Options);

        Assert.Equal(Status, copy);
    }

    [Fact]
    public void States_are_written_as_names_by_every_configuration()
    {
        Assert.Contains("\"State\":\"Failed\"", JsonSerializer.Serialize(Status, JsonSerializerOptions.Default), StringComparison.Ordinal);
        Assert.Contains("\"state\":\"failed\"", JsonSerializer.Serialize(Status, SynthJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_request_round_trips_as_its_own_kind()
    {
        var request = JobRequestParser.ParseJson(Encoding.UTF8.GetBytes("""
            {"name":"weekly","templateKey":"demo-template","updates":[{"sceneIdx":0,"property":"AIModel","values":{"script":"new script","scale":1.5}}]}
            """), AiStudiosApi.Classic).Request!;

        var json = JsonSerializer.Serialize(request, SynthJson.Options);
        var copy = Assert.IsType<ClassicTemplateRequest>(JsonSerializer.Deserialize<JobRequest>(json, SynthJson.Options));

        Assert.StartsWith("""{"kind":"classicTemplate",""", json, StringComparison.Ordinal);
        Assert.Equal(("weekly", "demo-template"), (copy.Name, copy.TemplateKey));
        Assert.Equal("new script", copy.Updates[0].Values["script"]!.GetValue<string>());
    }

    [Fact]
    public void Scenes_serialise_in_the_v1_shape()
    {
        var scene = new Scene { AIModel = new AiModel { Model = "M", Clothes = "C", Script = "Hi", LocationX = 0.1, LocationY = 0 } };

        Assert.Equal("""{"AIModel":{"model":"M","clothes":"C","script":"Hi","locationX":0.1,"locationY":0}}""", JsonSerializer.Serialize(scene, SynthJson.Options));
    }
}
