using System.Text.Json;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Client;

/// <summary>A <see cref="JobState"/> by the name the API gives it (<c>rendering</c>), for query strings and for people.</summary>
public static class JobStateNames
{
    extension(JobState state)
    {
        /// <summary>The name <see cref="SynthJson"/> writes for this state.</summary>
        public string ApiName => JsonSerializer.SerializeToElement(state, SynthJson.Options).GetString()!;
    }

    /// <summary>Reads a state by its API name in any case; false for anything else, numbers included.</summary>
    public static bool TryParse(string? name, out JobState state)
    {
        foreach (var candidate in Enum.GetValues<JobState>())
        {
            if (string.Equals(candidate.ApiName, name, StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    /// <summary>Every API name, in order: <c>queued, submitting, …</c>.</summary>
    public static IReadOnlyList<string> All => Enum.GetValues<JobState>().Select(state => state.ApiName).ToList();
}
