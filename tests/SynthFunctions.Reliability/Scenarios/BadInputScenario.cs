using System.Diagnostics;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Testing;

namespace SynthFunctions.Reliability.Scenarios;

/// <summary>Malformed requests and scripts: each gets a clear 4xx (never a 5xx), and every rejected script stays put with a report.</summary>
public sealed class BadInputScenario(HostClient client, RunArtifacts artifacts, Action<string> log)
{
    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = new ScenarioResult("Bad input", "A corpus of malformed V3 requests sent to `POST /api/videos` (each starts from a valid V3 project or template edit and breaks one thing; some are shaped for the classic API, which this V3 account must refuse naming the member), and malformed scripts uploaded to `scripts/` (odd and path-traversal names, wrong encodings, sizes, nesting, content).");
        var clock = Stopwatch.StartNew();
        var requests = BadInputCorpus.Requests();
        var prefix = $"bad-{Guid.NewGuid():N}";
        var scripts = BadInputCorpus.Scripts(prefix);
        result.Size = $"{requests.Count} requests in {requests.Select(r => r.Category).Distinct().Count()} categories, {scripts.Count} uploads";

        var answered = new List<(BadRequest Case, HostClient.Answer Answer)>();
        foreach (var bad in requests)
        {
            var answer = await client.SendAsync(() =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.VideosPath) { Content = new ByteArrayContent(bad.Body) };
                message.Content.Headers.TryAddWithoutValidation("Content-Type", bad.ContentType);
                if (bad.IdempotencyKey is not null)
                {
                    message.Headers.TryAddWithoutValidation(SynthFunctionsClient.IdempotencyKeyHeader, bad.IdempotencyKey);
                }

                return message;
            }, cancellationToken);
            answered.Add((bad, answer));
        }

        var serverErrors = answered.Count(a => (int)a.Answer.Status >= 500);
        result.Expect("requests answered 5xx", 0, serverErrors);
        result.Expect("requests answered with the expected 4xx (400, 413 oversize, 415 content type)", requests.Count, answered.Count(a => (int)a.Answer.Status == a.Case.Expected));
        result.Expect("4xx answers that are application/problem+json", requests.Count, answered.Count(a => (int)a.Answer.Status is >= 400 and < 500 && a.Answer.ContentType == "application/problem+json"));
        result.Expect("400 answers that name at least one problem with its path", answered.Count(a => a.Case.Expected == 400),
            answered.Count(a => a.Case.Expected == 400 && a.Answer.Problem?.Errors.Count > 0));
        var aimed = answered.Where(a => a.Case.ExpectedPath is not null).ToList();
        result.Expect("400 answers that name the very field the case breaks", aimed.Count, aimed.Count(NamesItsField));
        foreach (var miss in aimed.Where(a => !NamesItsField(a)).Take(5))
        {
            result.Note($"field not named: {miss.Case.Category} / {miss.Case.Name}: expected {miss.Case.ExpectedPath}, got {string.Join("; ", miss.Answer.Problem?.Errors ?? [])}");
        }
        foreach (var miss in answered.Where(a => (int)a.Answer.Status != a.Case.Expected).Take(5))
        {
            result.Note($"unexpected: {miss.Case.Category} / {miss.Case.Name}: {(int)miss.Answer.Status} {miss.Answer.Body[..Math.Min(200, miss.Answer.Body.Length)]}");
        }

        foreach (var category in requests.GroupBy(r => r.Category))
        {
            result.Note($"{category.Key}: {category.Count()} cases");
        }

        await CheckUploadsAsync(result, scripts, prefix, cancellationToken);
        result.Duration = clock.Elapsed;
        return result;
    }

    static bool NamesItsField((BadRequest Case, HostClient.Answer Answer) answered) =>
        answered.Answer.Problem?.Errors.Any(problem => problem.Path == answered.Case.ExpectedPath) == true;

    async Task CheckUploadsAsync(ScenarioResult result, IReadOnlyList<BadScript> scripts, string prefix, CancellationToken cancellationToken)
    {
        var storage = new BlobServiceClient(client.Host.StorageConnectionString);
        var container = storage.GetBlobContainerClient("scripts");
        var before = await ListAsync(container, cancellationToken);
        foreach (var script in scripts)
        {
            await container.GetBlobClient(script.BlobName).UploadAsync(new BinaryData(script.Content), overwrite: true, cancellationToken);
        }

        // The storage may normalise a name ("a/../b" is "b"); check what was actually stored.
        var stored = (await ListAsync(container, cancellationToken)).Except(before, StringComparer.Ordinal).ToList();
        log($"{stored.Count} malformed uploads stored; waiting for their reports");
        var rejected = storage.GetBlobContainerClient("scripts-rejected");
        var reported = 0;
        foreach (var name in stored)
        {
            var report = rejected.GetBlobClient(BlobNames.Rejection(name));
            try
            {
                await Eventually.UntilAsync(async () => await report.ExistsAsync(cancellationToken), $"a report for {name}", TimeSpan.FromSeconds(90));
                artifacts.Add($"blob:scripts-rejected/{name}", (await report.DownloadContentAsync(cancellationToken)).Value.Content.ToString());
                reported++;
            }
            catch (TimeoutException)
            {
                result.Note($"no report for {name}");
            }
        }

        var stillThere = 0;
        var jobsStarted = 0;
        foreach (var name in stored)
        {
            var blob = container.GetBlobClient(name);
            if (await blob.ExistsAsync(cancellationToken))
            {
                stillThere++;
                var version = ScriptIntake.VersionOf((await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag);
                jobsStarted += await client.JobAsync(JobIds.ForBlob(name, version), cancellationToken) is null ? 0 : 1;
            }
        }

        result.Expect("malformed uploads stored", scripts.Count, stored.Count);
        result.Expect("uploads with a report in scripts-rejected", stored.Count, reported);
        result.Expect("rejected uploads still in place in scripts", stored.Count, stillThere);
        result.Expect("jobs started from malformed uploads", 0, jobsStarted);
        foreach (var name in stored.Where(n => !n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            result.Note($"stored outside the upload folder after the storage normalised the name: `{name}`");
        }
    }

    static async Task<HashSet<string>> ListAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, cancellationToken))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
