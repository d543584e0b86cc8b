namespace SynthFunctions.Reliability;

/// <summary>One checked property of a run: what must hold, and what was measured.</summary>
public sealed record Invariant(string Name, string Expected, string Measured, bool Holds);

/// <summary>What a scenario did and found.</summary>
public sealed class ScenarioResult(string name, string description)
{
    readonly List<Invariant> invariants = [];
    readonly List<string> notes = [];

    public string Name { get; } = name;

    public string Description { get; } = description;

    public string Size { get; set; } = "";

    public string Faults { get; set; } = "none";

    public TimeSpan Duration { get; set; }

    public IReadOnlyList<Invariant> Invariants => invariants;

    public IReadOnlyList<string> Notes => notes;

    public bool Passed => invariants.Count > 0 && invariants.All(i => i.Holds);

    /// <summary>An exact count that must be met.</summary>
    public void Expect(string name, long expected, long measured) => invariants.Add(new Invariant(name, expected.ToString(System.Globalization.CultureInfo.InvariantCulture), measured.ToString(System.Globalization.CultureInfo.InvariantCulture), expected == measured));

    public void Check(string name, string expected, string measured, bool holds) => invariants.Add(new Invariant(name, expected, measured, holds));

    public void Note(string note) => notes.Add(note);
}
