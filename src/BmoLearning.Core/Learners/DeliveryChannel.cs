namespace BmoLearning.Core.Learners;

public enum DeliveryChannel
{
    Web,
    Email,
    Slack,
    Sms,
}
