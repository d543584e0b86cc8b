namespace SynthFunctions.Reliability.Tests;

public class QuickProfileTests
{
    [Fact]
    public async Task The_quick_profile_holds_every_invariant()
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var log = new List<string>();

        var results = await new ReliabilitySuite(ReliabilityProfile.Quick, line => log.Add(line)).RunAsync(TestContext.Current.CancellationToken);
        var report = ReportWriter.Render(ReliabilityProfile.Quick, results, clock.Elapsed, startedAt);
        // Kept with the test's result (the trx file) whether it passes or not, so a slow run can be read afterwards.
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', log) + "\n\n" + report);

        Assert.Equal(8, results.Count);
        Assert.All(results, result => Assert.NotEmpty(result.Invariants));
        Assert.True(results.All(r => r.Passed), report + "\n" + string.Join('\n', log));
    }
}
