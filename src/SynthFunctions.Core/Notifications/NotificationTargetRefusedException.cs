namespace SynthFunctions.Core.Notifications;

/// <summary>Thrown inside the connection step when the guard refuses a target; the sender reports it as a refused attempt.</summary>
internal sealed class NotificationTargetRefusedException(string problem) : Exception(problem);
