using System.Security.Cryptography;
using System.Text;

namespace SynthFunctions.Core.Storage;

/// <summary>Deterministic blob names, so a repeated step writes the same blob instead of a second one.</summary>
public static class BlobNames
{
    public static string Record(string jobId) => $"{jobId}.json";

    public static string Video(string jobId) => $"{jobId}.mp4";

    public static string BatchManifest(string batchId) => $"batches/{batchId}.csv";

    public static string BatchRecord(string batchId) => $"batches/{batchId}.json";

    public static string Export(string jobId) => $"exports/{jobId}.json";

    public static string Request(string jobId) => $"requests/{jobId}.json";

    public const string ProgressPrefix = "progress/";

    public static string Progress(string jobId) => ProgressPrefix + jobId;

    /// <summary>The error report beside a rejected script; very long names are shortened with a hash to stay within blob name limits.</summary>
    public static string Rejection(string scriptName)
    {
        const int maxStem = 900;
        if (scriptName.Length <= maxStem)
        {
            return scriptName + ".error.json";
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scriptName)))[..16];
        return $"{scriptName[..maxStem]}-{hash}.error.json";
    }
}
