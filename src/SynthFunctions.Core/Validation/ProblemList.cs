namespace SynthFunctions.Core.Validation;

/// <summary>Collects every problem found in one pass, so callers can report them all at once.</summary>
internal sealed class ProblemList
{
    readonly List<ValidationProblem> problems = [];

    public int Count => problems.Count;

    public IReadOnlyList<ValidationProblem> Items => problems;

    public void Add(string path, string message) => problems.Add(new ValidationProblem(path.Length == 0 ? "$" : path, message));

    public static string Member(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
