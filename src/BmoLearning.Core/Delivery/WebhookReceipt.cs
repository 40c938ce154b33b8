namespace BmoLearning.Core.Delivery;

/// <summary>A webhook request already processed, kept for a while so that a replay of it is rejected.</summary>
public sealed class WebhookReceipt
{
    public long Id { get; set; }
    /// <summary>"slack" or "twilio".</summary>
    public required string Provider { get; set; }
    /// <summary>The provider's unique value for the request: Slack's signature, Twilio's MessageSid.</summary>
    public required string Key { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
