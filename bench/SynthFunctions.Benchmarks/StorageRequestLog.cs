using System.Globalization;
using System.Text.RegularExpressions;

namespace SynthFunctions.Benchmarks;

/// <summary>Storage requests, counted from Azurite's debug log: one <c>RequestMethod=</c> line per request.</summary>
public sealed partial class StorageRequestLog(string path)
{
    public sealed record Counts(int Blob, int Queue, int Table)
    {
        public int Total => Blob + Queue + Table;
    }

    public Counts Between(DateTimeOffset from, DateTimeOffset to)
    {
        int blob = 0, queue = 0, table = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var match = Request().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var at = DateTimeOffset.Parse(match.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            if (at < from || at > to)
            {
                continue;
            }

            switch (match.Groups["service"].Value)
            {
                case "Blob":
                    blob++;
                    break;
                case "Queue":
                    queue++;
                    break;
                default:
                    table++;
                    break;
            }
        }

        return new Counts(blob, queue, table);
    }

    [GeneratedRegex(@"^(?<at>\S+) \S+ info: (?<service>Blob|Queue|Table)\w*StorageContextMiddleware: RequestMethod=")]
    private static partial Regex Request();
}
