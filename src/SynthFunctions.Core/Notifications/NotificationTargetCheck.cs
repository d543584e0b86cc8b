using System.Diagnostics.CodeAnalysis;

namespace SynthFunctions.Core.Notifications;

/// <summary>Whether a notification URL may be used: the parsed <see cref="Target"/>, or the <see cref="Problem"/> that refuses it.</summary>
public sealed record NotificationTargetCheck
{
    NotificationTargetCheck(Uri? target, string? problem)
    {
        Target = target;
        Problem = problem;
    }

    public Uri? Target { get; }

    /// <summary>Why the URL is refused, in a sentence fit for a 400 answer; null when it is allowed.</summary>
    public string? Problem { get; }

    [MemberNotNullWhen(true, nameof(Target))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsAllowed => Problem is null;

    public static NotificationTargetCheck Allowed(Uri target) => new(target, null);

    public static NotificationTargetCheck Refused(string problem) => new(null, problem);
}
