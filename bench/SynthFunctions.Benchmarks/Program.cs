using SynthFunctions.Benchmarks;
var measure = new Measurements(BenchmarkProfile.Full, line => Console.WriteLine(line));
for (var i = 0; i < 2; i++)
{
    Console.WriteLine(await measure.ThroughputAsync(100));
}
return 0;
