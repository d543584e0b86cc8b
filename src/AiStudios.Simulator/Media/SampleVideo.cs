namespace AiStudios.Simulator;

/// <summary>The small valid MP4 (2 s, 160x90) every finished simulated render serves; see Media/README.md.</summary>
public static class SampleVideo
{
    static readonly Lazy<byte[]> Content = new(Load);

    public static byte[] Bytes => Content.Value;

    static byte[] Load()
    {
        using var stream = typeof(SampleVideo).Assembly.GetManifestResourceStream("AiStudios.Simulator.sample.mp4")
            ?? throw new InvalidOperationException("The sample video resource is missing from the simulator assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
