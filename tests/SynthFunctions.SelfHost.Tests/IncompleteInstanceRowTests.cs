using Azure.Data.Tables;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>
/// A job whose row in the task hub's Instances table lacks what its start writes (name, creation time, tags), as a status
/// update merged into a row the start never wrote leaves it. The sidecar cannot convert such a state, which answered every
/// read of the job's status with HTTP 500; the host fills the gaps from the instance's history instead.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class IncompleteInstanceRowTests(SelfHostFixture fixture)
{
    SelfHostProcess Host => fixture.Host;

    [Fact]
    public async Task A_job_whose_instance_row_lacks_its_start_columns_is_still_read()
    {
        var id = await SubmitAsync(Host, UniqueName());
        var ended = await WaitForEndAsync(Host, id);
        var instances = new TableClient(Host.StorageConnectionString, "SynthFunctionsSelfHostInstances");
        var row = (await instances.GetEntityAsync<TableEntity>(id, "", cancellationToken: Token)).Value;
        Assert.True(row.Remove("Name") && row.Remove("CreatedTime"), "the instance row has a name and a creation time to remove");
        row.Remove("Tags");
        await instances.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, Token);

        var job = await ClientFor(Host).GetJobAsync(id, Token);

        Assert.Equal((ended.State, ended.Name, ended.ProjectKey, ended.CompletedAt), (job.State, job.Name, job.ProjectKey, job.CompletedAt));
        Assert.Contains($"Instance {id}'s stored state lacked its name, created time; filled in from its history (orchestration 'JobOrchestrator')", Host.Output);
    }
}
