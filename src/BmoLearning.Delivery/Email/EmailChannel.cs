using System.Net.Sockets;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using BmoLearning.Delivery.Links;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BmoLearning.Delivery.Email;

/// <summary>Email over SMTP with MailKit: multipart/alternative (text + HTML), answer links signed per learner and lesson.</summary>
public sealed class EmailChannel(LessonLinks links, IOptions<SmtpOptions> options) : IDeliveryChannel
{
    public DeliveryChannel Channel => DeliveryChannel.Email;

    public string? CannotReach(Learner learner) =>
        string.IsNullOrEmpty(options.Value.Host) ? "Email is not configured (Smtp:Host)." : null;

    public async Task<SendResult> SendAsync(DeliveryMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        var lesson = message.Lesson;
        var token = links.CreateToken(message.Learner.Id, lesson.Id, DeliveryChannel.Email);
        var answerUrls = Enumerable.Range(0, lesson.QuizOptions.Count).Select(i => links.AnswerUrl(token, i)).ToList();
        var reminder = message.Sequence > 0;
        var from = new MailboxAddress(settings.FromName, settings.FromAddress);
        var email = new MimeMessage
        {
            Subject = LessonEmail.Subject(lesson, reminder),
            // Deterministic per delivery record: a duplicate, should one ever slip through, threads as the same message.
            MessageId = $"{message.DeliveryId:N}@{from.Domain}",
            Body = new BodyBuilder
            {
                TextBody = LessonEmail.Text(lesson, links.PageUrl(token), answerUrls, reminder),
                HtmlBody = LessonEmail.Html(lesson, links.PageUrl(token), answerUrls, reminder),
            }.ToMessageBody(),
        };
        email.From.Add(from);
        email.To.Add(new MailboxAddress(message.Learner.Name, message.Learner.Email));

        using var smtp = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await smtp.ConnectAsync(settings.Host!, settings.Port, settings.Security, ct);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await smtp.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, ct);
            }

            await smtp.SendAsync(email, ct);
            await smtp.DisconnectAsync(quit: true, ct);
            return SendResult.Sent(email.MessageId);
        }
        catch (SmtpCommandException ex)
        {
            // 4xx: try again later (greylisting, mailbox busy); 5xx: this address will not take it.
            var error = $"SMTP {(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message}";
            return (int)ex.StatusCode is >= 400 and < 500 ? SendResult.Transient(error) : SendResult.Permanent(error);
        }
        catch (AuthenticationException ex)
        {
            return SendResult.Permanent($"SMTP authentication failed: {ex.Message}");
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException or TimeoutException)
        {
            return SendResult.Transient($"SMTP server unreachable: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
