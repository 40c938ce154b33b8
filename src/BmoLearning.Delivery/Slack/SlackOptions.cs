namespace BmoLearning.Delivery.Slack;

/// <summary>Slack app settings (section "Slack"; SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET also work).</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Bot token (xoxb-...) with chat:write and im:write. Without it the Slack channel is off.</summary>
    public string? BotToken { get; set; }

    /// <summary>Verifies interaction webhooks. Without it the interactions endpoint refuses every request.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The Web API root; tests point it at a local fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
