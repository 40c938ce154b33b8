using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;

namespace BmoLearning.Delivery.Web;

/// <summary>The lesson page behind a signed link: always available, so it is the last fallback. Nothing is pushed.</summary>
public sealed class WebChannel : IDeliveryChannel
{
    public DeliveryChannel Channel => DeliveryChannel.Web;

    public string? CannotReach(Learner learner) => null;

    public Task<SendResult> SendAsync(DeliveryMessage message, CancellationToken ct) => Task.FromResult(SendResult.Sent(messageId: null));
}
