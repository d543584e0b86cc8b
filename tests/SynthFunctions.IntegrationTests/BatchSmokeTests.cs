using System.Net;
using System.Text;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

public sealed class BatchSmokeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_script_csv_becomes_a_batch_whose_rows_complete_and_whose_manifest_lists_them_in_order()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var csv = "name,script\nfirst sim:render=1s,Hello one.\nsecond sim:render=1s,\"Hello, two.\"\nthird sim:render=1s,Hello three.\n";

        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await harness.Http.PostAsync("api/batches?name=smoke", content, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var batchId = System.Text.Json.Nodes.JsonNode.Parse(body)!["id"]!.GetValue<string>();

        var batch = await Eventually.ValueAsync(async () => await harness.Batches.GetAsync(batchId, Token) is { State: BatchState.Completed } done ? done : null,
            "the batch to complete", TimeSpan.FromSeconds(90));

        Assert.Equal((3, 3, 0), (batch.Total, batch.Counts.Completed, batch.Counts.Failed));
        var manifest = (await harness.Storage.Videos.GetBlobClient($"batches/{batchId}.csv").DownloadContentAsync(Token)).Value.Content.ToString();
        var lines = manifest.Trim().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("row,name,job_id,state", lines[0]);
        Assert.StartsWith($"1,first sim:render=1s,{JobIds.ForBatchRow(batchId, 1)},completed", lines[1]);
        var row2 = await harness.Jobs.GetAsync(JobIds.ForBatchRow(batchId, 2), Token);
        Assert.Equal((JobState.Completed, batchId, 2), (row2!.State, row2.Source!.BatchId, row2.Source.Row));
    }
}
