using System.Globalization;
using System.Text;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BmoLearning.Tests.Delivery;

/// <summary>The SMS channel: the Twilio SDK talking to a local fake of Twilio's REST API.</summary>
public sealed class SmsDeliveryTests
{
    private static readonly DateTimeOffset Monday = DateTimeOffset.Parse("2026-06-08T14:00:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_lesson_goes_out_by_SMS_as_a_summary_a_link_and_options_A_to_D()
    {
        using var twilio = ProviderFakes.Twilio();
        await using var host = await DeliveryHost.CreateAsync(Monday, ProviderFakes.TwilioSettings(twilio));
        var learner = await host.AddLearnerAsync(l => (l.Phone, l.PreferredChannel, l.TimeZone) = ("+14165550199", DeliveryChannel.Sms, "America/Toronto"));
        var lesson = await host.AddLessonAsync(learner);

        await host.DeliverAsync(lesson.Id);

        var request = twilio.LogEntries.Single(e => e.RequestMessage.Path == ProviderFakes.MessagesPath).RequestMessage;
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ProviderFakes.TwilioSid}:{ProviderFakes.TwilioToken}"));
        Assert.Equal("Basic " + basic, request.Headers!["Authorization"].Single());
        var form = QueryHelpers.ParseQuery(request.Body);
        Assert.Equal("+14165550199", form["To"]);
        Assert.Equal(ProviderFakes.TwilioNumber, form["From"]);
        var body = form["Body"].ToString();
        Assert.StartsWith("BMO lesson: Grace periods\nA grace period is", body, StringComparison.Ordinal);
        Assert.Contains("Full lesson: http://127.0.0.1:8080/l/", body, StringComparison.Ordinal);
        Assert.Contains("\nA) When the minimum is paid\nB) When the statement balance is paid in full by the due date\nC) When the card is new\nD) Never\nReply A, B, C or D.", body, StringComparison.Ordinal);

        var record = Assert.Single(await host.DeliveriesAsync(lesson.Id));
        Assert.Equal((DeliveryChannel.Sms, DeliveryStatus.Sent, "SM00000000000000000000000000000001"), (record.Channel, record.Status, record.ProviderMessageId));
    }

    [Fact]
    public async Task A_429_from_Twilio_is_retried_later_and_sent_once()
    {
        using var twilio = ProviderFakes.Twilio();
        twilio.Given(Request.Create().WithPath(ProviderFakes.MessagesPath).UsingPost()).InScenario("limit").WillSetStateTo("open")
            .RespondWith(ProviderFakes.Json(429, ProviderFakes.TwilioError(429, 20429, "Too Many Requests")));
        twilio.Given(Request.Create().WithPath(ProviderFakes.MessagesPath).UsingPost()).InScenario("limit").WhenStateIs("open")
            .RespondWith(ProviderFakes.Json(201, ProviderFakes.MessageCreated("SM00000000000000000000000000000002")));
        await using var host = await DeliveryHost.CreateAsync(Monday, ProviderFakes.TwilioSettings(twilio));
        var learner = await host.AddLearnerAsync(l => (l.Phone, l.PreferredChannel) = ("+14165550199", DeliveryChannel.Sms));
        var lesson = await host.AddLessonAsync(learner);

        await host.DeliverAsync(lesson.Id);
        var waiting = Assert.Single(await host.DeliveriesAsync(lesson.Id));
        Assert.Equal(DeliveryStatus.Queued, waiting.Status);
        Assert.Contains("429", waiting.Error, StringComparison.Ordinal);
        Assert.True(waiting.NextAttemptAt > Monday);

        host.Time.SetUtcNow(waiting.NextAttemptAt!.Value);
        await host.DrainAsync();
        await host.DeliverAsync(lesson.Id); // a duplicate job after the send

        Assert.Equal(2, twilio.Calls(ProviderFakes.MessagesPath));
        var sent = Assert.Single(await host.DeliveriesAsync(lesson.Id));
        Assert.Equal((DeliveryStatus.Sent, 2, "SM00000000000000000000000000000002"), (sent.Status, sent.Attempts, sent.ProviderMessageId));
    }

    [Fact]
    public async Task Twilio_saying_the_recipient_unsubscribed_marks_the_learner_opted_out_and_falls_back()
    {
        using var twilio = ProviderFakes.Twilio();
        twilio.Given(Request.Create().WithPath(ProviderFakes.MessagesPath).UsingPost())
            .RespondWith(ProviderFakes.Json(400, ProviderFakes.TwilioError(400, 21610, "Attempt to send to unsubscribed recipient")));
        await using var host = await DeliveryHost.CreateAsync(Monday, ProviderFakes.TwilioSettings(twilio));
        var learner = await host.AddLearnerAsync(l => (l.Phone, l.PreferredChannel) = ("+14165550199", DeliveryChannel.Sms));
        var lesson = await host.AddLessonAsync(learner);

        await host.DeliverAsync(lesson.Id);

        var records = await host.DeliveriesAsync(lesson.Id);
        Assert.Equal((DeliveryChannel.Sms, DeliveryStatus.Failed), (records[0].Channel, records[0].Status));
        Assert.Contains("21610", records[0].Error, StringComparison.Ordinal);
        Assert.Equal((DeliveryChannel.Web, DeliveryStatus.Sent, DeliveryChannel.Sms), (records[^1].Channel, records[^1].Status, records[^1].FallbackFrom));
        Assert.True(await host.WithDbAsync(db => db.Learners.Where(l => l.Id == learner.Id).Select(l => l.SmsOptedOut).SingleAsync()));
    }

    [Fact]
    public async Task A_learner_who_texted_STOP_gets_no_SMS_and_the_lesson_falls_back()
    {
        using var twilio = ProviderFakes.Twilio();
        await using var host = await DeliveryHost.CreateAsync(Monday, ProviderFakes.TwilioSettings(twilio));
        var learner = await host.AddLearnerAsync(l => (l.Phone, l.PreferredChannel, l.SmsOptedOut) = ("+14165550199", DeliveryChannel.Sms, true));
        var lesson = await host.AddLessonAsync(learner);

        await host.DeliverAsync(lesson.Id);

        Assert.Equal(0, twilio.Calls(ProviderFakes.MessagesPath));
        var records = await host.DeliveriesAsync(lesson.Id);
        Assert.Equal("The learner opted out of SMS (texted STOP).", records[0].Error);
        Assert.Equal((DeliveryChannel.Web, DeliveryStatus.Sent), (records[^1].Channel, records[^1].Status));
    }

    [Fact]
    public async Task A_reminder_goes_to_the_channel_the_lesson_went_to_and_not_after_an_answer()
    {
        using var twilio = ProviderFakes.Twilio();
        // 10:00 UTC: reminders, like scheduled lessons, go out only in the learner's window (9:00 + 3 h).
        await using var host = await DeliveryHost.CreateAsync(Monday.AddHours(-4), ProviderFakes.TwilioSettings(twilio));
        var learner = await host.AddLearnerAsync(l => (l.Phone, l.PreferredChannel) = ("+14165550199", DeliveryChannel.Sms));
        var lesson = await host.AddLessonAsync(learner);
        await host.DeliverAsync(lesson.Id);

        await host.DeliverAsync(lesson.Id, sequence: 1);
        Assert.Contains(twilio.LogEntries, e => QueryHelpers.ParseQuery(e.RequestMessage.Body)["Body"].ToString()
            .StartsWith("Reminder: your BMO question on Grace periods is waiting.", StringComparison.Ordinal));

        await host.WithDbAsync(async db =>
        {
            db.QuizResponses.Add(new Core.Quiz.QuizResponse { LearnerId = learner.Id, LessonId = lesson.Id, AnswerGiven = 1, Correct = true, CreatedAt = Monday });
            return await db.SaveChangesAsync();
        });
        await host.DeliverAsync(lesson.Id, sequence: 2);

        Assert.Equal(2, twilio.Calls(ProviderFakes.MessagesPath));
    }
}
