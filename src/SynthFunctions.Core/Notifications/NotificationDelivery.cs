namespace SynthFunctions.Core.Notifications;

/// <summary>
/// One notification to deliver, the same on every attempt: where it goes, its Standard Webhooks message id (receivers
/// drop a repeated one) and the exact body that is signed and sent.
/// </summary>
public sealed record NotificationDelivery(Uri Target, string WebhookId, string Body);
