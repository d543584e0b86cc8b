using Microsoft.DurableTask;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Storage;

namespace SynthFunctions.Core.Activities;

/// <summary>Writes <c>videos/{id}.json</c> for a finished job and returns its URI. Safe to repeat: the first record stays.</summary>
public sealed class StoreResultActivity(IResultStore results) : TaskActivity<SynthesisResult, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, SynthesisResult input) => StoreAsync(input, CancellationToken.None);

    public async Task<string> StoreAsync(SynthesisResult input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await results.WriteResultAsync(input, cancellationToken)).AbsoluteUri;
    }
}
