namespace BmoLearning.Delivery.Sms;

/// <summary>Twilio settings (section "Twilio"; TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER also work).</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    public string? AccountSid { get; set; }

    /// <summary>Authenticates API calls and verifies X-Twilio-Signature on inbound webhooks.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The sender: an E.164 number (or a messaging service's number) on the account.</summary>
    public string? PhoneNumber { get; set; }

    /// <summary>Replaces https://api.twilio.com for every API call (tests point it at a local fake).</summary>
    public string? ApiBaseUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(AccountSid) && !string.IsNullOrEmpty(AuthToken) && !string.IsNullOrEmpty(PhoneNumber);
}
