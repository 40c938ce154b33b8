using MailKit.Security;

namespace BmoLearning.Delivery.Email;

/// <summary>SMTP settings for the email channel (section "Smtp"). Without a host the channel is off.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "bmo-learning@localhost";

    public string FromName { get; set; } = "BMO Learning";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
