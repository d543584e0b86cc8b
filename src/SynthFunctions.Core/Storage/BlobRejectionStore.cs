using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Storage;

internal sealed partial class BlobRejectionStore(SynthStorage storage, TimeProvider time, ILogger<BlobRejectionStore> logger) : IRejectionStore
{
    const string VersionMetadata = "scriptversion";

    public async Task<Uri> WriteReportAsync(string scriptName, string scriptVersion, IReadOnlyList<ValidationProblem> problems, CancellationToken cancellationToken)
    {
        var blob = storage.Rejected.GetBlobClient(BlobNames.Rejection(scriptName));
        var report = new RejectionReport(scriptName, storage.Scripts.Name, scriptVersion, time.GetUtcNow(), problems);
        await blob.UploadAsync(
            new BinaryData(JsonSerializer.SerializeToUtf8Bytes(report, SynthJson.Options)),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = new Dictionary<string, string> { [VersionMetadata] = MetadataSafe(scriptVersion) },
            },
            cancellationToken);
        LogRejected(logger, scriptName, problems.Count, blob.Name);
        return blob.Uri;
    }

    public async Task<bool> HasReportAsync(string scriptName, string scriptVersion, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await storage.Rejected.GetBlobClient(BlobNames.Rejection(scriptName)).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.Metadata.TryGetValue(VersionMetadata, out var version) && version == MetadataSafe(scriptVersion);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Metadata values are ASCII; an ETag is, a version id from elsewhere may not be.</summary>
    static string MetadataSafe(string value) => new(value.Where(c => c is >= ' ' and <= '~').ToArray());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Script {Script} rejected with {ProblemCount} problem(s); report at {Report}")]
    static partial void LogRejected(ILogger logger, string script, int problemCount, string report);
}
