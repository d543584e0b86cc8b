using Microsoft.DurableTask;
using SynthFunctions.Core.Storage;

using SynthFunctions.Core.Telemetry;

namespace SynthFunctions.Core.Activities;

public sealed record CopyVideoInput(string JobId, string VideoUrl);

public sealed record CopyVideoOutcome(string? VideoBlob, string? Failure);

/// <summary>Copies the finished video to <c>videos/{id}.mp4</c>. Safe to repeat: an existing copy is kept.</summary>
public sealed class CopyVideoActivity(IJobRecordStore records) : TaskActivity<CopyVideoInput, CopyVideoOutcome>
{
    public override Task<CopyVideoOutcome> RunAsync(TaskActivityContext context, CopyVideoInput input) => CopyAsync(input, CancellationToken.None);

    public async Task<CopyVideoOutcome> CopyAsync(CopyVideoInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var step = SynthTelemetry.StartStep("copy video", input.JobId);
        try
        {
            var blob = await records.CopyVideoAsync(input.JobId, new Uri(input.VideoUrl), cancellationToken);
            return new CopyVideoOutcome(blob.AbsoluteUri, null);
        }
        catch (VideoCopyException ex)
        {
            return new CopyVideoOutcome(null, $"The video could not be copied: {ex.Message}");
        }
    }
}
