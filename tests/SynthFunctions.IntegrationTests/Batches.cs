using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;
using SynthFunctions.Client;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>Submitting batches and reading what they leave behind (the manifest and its totals), as a caller would.</summary>
internal static class Batches
{
    /// <summary>One line of <c>videos/batches/{id}.csv</c>, read by its column names.</summary>
    public sealed record ManifestLine(int Row, string Name, string JobId, string State, string VideoUrl, string ResultBlob, string Credits, string Error);

    public static readonly string[] ManifestColumns = ["row", "name", "job_id", "state", "video_url", "result_blob", "credits", "error"];

    public static string Sample(string file) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", file));

    public static BatchFileFormat FormatOf(string file) => file.EndsWith(".csv", StringComparison.Ordinal) ? BatchFileFormat.Csv : BatchFileFormat.JsonLines;

    /// <summary>The <c>name</c> of every row of a sample, in order: its CSV column, or each JSON line's member.</summary>
    public static IReadOnlyList<string?> NamesIn(string content, BatchFileFormat format)
    {
        if (format == BatchFileFormat.JsonLines)
        {
            return [.. content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!["name"]?.GetValue<string>())];
        }

        using var csv = new CsvReader(new StringReader(content), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var names = new List<string?>();
        while (csv.Read())
        {
            names.Add(csv.GetField("name"));
        }

        return names;
    }

    public static Task<BatchStatus> WaitForBatchStateAsync(PipelineHarness harness, string batchId, BatchState state, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(async () => await ClientFor(harness).GetBatchAsync(batchId, Token) is { } batch && batch.State == state ? batch : null,
            $"batch {batchId} to be {state}", timeout ?? TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));

    /// <summary>The manifest as written, every line read by its column names; the header must be exactly <see cref="ManifestColumns"/>.</summary>
    public static async Task<IReadOnlyList<ManifestLine>> ReadManifestAsync(PipelineHarness harness, string batchId)
    {
        var content = (await harness.Storage.Videos.GetBlobClient($"batches/{batchId}.csv").DownloadContentAsync(Token)).Value.Content.ToString();
        using var csv = new CsvReader(new StringReader(content), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        Assert.Equal(ManifestColumns, csv.HeaderRecord);
        var lines = new List<ManifestLine>();
        while (csv.Read())
        {
            lines.Add(new ManifestLine(
                csv.GetField<int>("row"), csv.GetField("name")!, csv.GetField("job_id")!, csv.GetField("state")!, csv.GetField("video_url")!,
                csv.GetField("result_blob")!, csv.GetField("credits")!, csv.GetField("error")!));
        }

        return lines;
    }

    /// <summary><c>videos/batches/{id}.json</c>: the batch's record with its totals.</summary>
    public static async Task<BatchStatus> ReadTotalsAsync(PipelineHarness harness, string batchId) =>
        (await harness.Storage.Videos.GetBlobClient($"batches/{batchId}.json").DownloadContentAsync(Token)).Value.Content.ToObjectFromJson<BatchStatus>(SynthJson.Options)!;

    /// <summary>Export attempts the simulator counted for row <paramref name="row"/>'s job, whose project is named after the row and its job.</summary>
    public static int Exports(PipelineHarness harness, string batchId, int row, string name) =>
        harness.Simulator.Calls.ExportsByName.GetValueOrDefault(ProjectNames.For(JobIds.ForBatchRow(batchId, row), name));

    /// <summary>A CSV of plain scripts, one row per name.</summary>
    public static string ScriptsCsv(params string[] names) =>
        "name,script\n" + string.Concat(names.Select((name, index) => $"{name},Row {index + 1} of a test batch.\n"));
}
