using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SynthFunctions.Core.Jobs;

/// <summary>
/// Job ids, which are also orchestration instance ids. Derived ids make repeats land on the same job: the same
/// <c>Idempotency-Key</c>, or the same blob name and version (a re-fired trigger, an Event Grid redelivery).
/// </summary>
public static partial class JobIds
{
    public static string NewHttpJob() => "http-" + Guid.NewGuid().ToString("N");

    public static string ForIdempotencyKey(string key) => "http-" + Hash(key);

    public static string ForBlob(string blobName, string blobVersion) => "blob-" + Hash(blobName + "\n" + blobVersion);

    /// <summary>The job of row <paramref name="row"/> (1 is the first) of batch <paramref name="batchId"/>.</summary>
    public static string ForBatchRow(string batchId, int row) => $"row-{batchId[BatchPrefix.Length..]}-{row:D5}";

    public const string BatchPrefix = "batch-";

    public static string NewBatch() => BatchPrefix + Guid.NewGuid().ToString("N");

    public static string ForBatchIdempotencyKey(string key) => BatchPrefix + Hash("batch\n" + key);

    public static string ForBatchBlob(string blobName, string blobVersion) => BatchPrefix + Hash(blobName + "\n" + blobVersion);

    /// <summary>Whether <paramref name="id"/> could be a job id at all (route values are checked before any lookup).</summary>
    public static bool IsWellFormed(string? id) => id is not null && Shape().IsMatch(id);

    public static bool IsWellFormedBatch(string? id) => id is not null && BatchShape().IsMatch(id);

    [GeneratedRegex("^((http|blob)-[0-9a-f]{32}|row-[0-9a-f]{32}-[0-9]{5})$")]
    private static partial Regex Shape();

    [GeneratedRegex("^batch-[0-9a-f]{32}$")]
    private static partial Regex BatchShape();

    static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    /// <summary>A stable fingerprint of a request body, to tell a repeat of the same request from a different one.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
