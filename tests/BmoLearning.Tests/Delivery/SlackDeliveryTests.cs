using BmoLearning.Core.Jobs;
using System.Globalization;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BmoLearning.Tests.Delivery;

/// <summary>The Slack channel against a local fake of the Web API.</summary>
public sealed class SlackDeliveryTests
{
    // Monday 10:00 UTC: inside a UTC learner's window, outside quiet hours.
    private static readonly DateTimeOffset Monday = DateTimeOffset.Parse("2026-06-08T10:00:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_lesson_arrives_as_a_direct_message_with_the_lesson_and_four_answer_buttons()
    {
        using var slack = ProviderFakes.Slack();
        await using var host = await DeliveryHost.CreateAsync(Monday, ProviderFakes.SlackSettings(slack));
        var learner = await host.AddLearnerAsync(l => (l.SlackUserId, l.PreferredChannel) = ("U0LEARNER1", DeliveryChannel.Slack));
        var lesson = await host.AddLessonAsync(learner);

        await host.DeliverAsync(lesson.Id);

        var open = slack.LogEntries.Single(e => e.RequestMessage.Path == "/api/conversations.open").RequestMessage;
        Assert.Equal("Bearer " + ProviderFakes.SlackToken, open.Headers!["Authorization"].Single());
        Assert.Equal("U0LEARNER1", (string?)slack.LastJson("/api/conversations.open")["users"]);
        var post = slack.LastJson("/api/chat.postMessage");
        Assert.Equal(ProviderFakes.DmChannel, (string?)post["channel"]);
        var blocks = post["blocks"]!.AsArray();
        Assert.Equal("Grace periods", (string?)blocks[0]!["text"]!["text"]);
        Assert.Contains(blocks, b => ((string?)b!["text"]?["text"])?.Contains("&amp; asks why interest &lt;appeared&gt;", StringComparison.Ordinal) == true);
        var buttons = blocks.Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray();
        Assert.Equal(["A) When the minimum is paid", "B) When the statement balance is paid in full by the due date", "C) When the card is new", "D) Never"],
            buttons.Select(b => (string?)b!["text"]!["text"]));
        Assert.Equal($"{lesson.Id:N}:1", (string?)buttons[1]!["value"]);

        var record = Assert.Single(await host.DeliveriesAsync(lesson.Id));
        Assert.Equal((DeliveryChannel.Slack, DeliveryStatus.Sent, 1), (record.Channel, record.Status, record.Attempts));
        Assert.Equal("1700000000.000100", record.ProviderMessageId);
        Assert.Equal(ProviderFakes.DmChannel, record.ProviderChannelId);
    }

    [Fact]
    public async Task A_429_from_Slack_is_retried_after_its_Retry_After_and_then_sent_once()
    {
        using var slack = ProviderFakes.Slack();
        slack.Given(Request.Create().WithPath("/api/chat.postMessage").UsingPost()).InScenario("limit").WillSetStateTo("open")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "30").WithBody("""{"ok":false,"error":"ratelimited"}"""));
        slack.Given(Request.Create().WithPath("/api/chat.postMessage").UsingPost()).InScenario("limit").WhenStateIs("open")
            .RespondWith(ProviderFakes.Json(200, """{"ok":true,"channel":"D0123DMCH","ts":"1700000000.000200"}"""));
        await using var host = await DeliveryHost.CreateAsync(Monday, ProviderFakes.SlackSettings(slack));
        var learner = await host.AddLearnerAsync(l => (l.SlackUserId, l.PreferredChannel) = ("U0LEARNER1", DeliveryChannel.Slack));
        var lesson = await host.AddLessonAsync(learner);

        await host.DeliverAsync(lesson.Id);

        var waiting = Assert.Single(await host.DeliveriesAsync(lesson.Id));
        Assert.Equal(DeliveryStatus.Queued, waiting.Status);
        Assert.Equal(Monday.AddSeconds(30), waiting.NextAttemptAt);
        Assert.Contains("ratelimited", waiting.Error, StringComparison.Ordinal);
        var retry = Assert.Single(host.Jobs.All);
        Assert.Equal(Monday.AddSeconds(30), retry.DueAt);

        // Run early (as a duplicate job would): nothing is sent before Retry-After.
        await host.DeliverAsync(lesson.Id);
        Assert.Equal(1, slack.Calls("/api/chat.postMessage"));

        host.Time.Advance(TimeSpan.FromSeconds(30));
        await host.DrainAsync();
        var sent = Assert.Single(await host.DeliveriesAsync(lesson.Id));
        Assert.Equal((DeliveryStatus.Sent, 2, "1700000000.000200"), (sent.Status, sent.Attempts, sent.ProviderMessageId));
        Assert.Equal(2, slack.Calls("/api/chat.postMessage"));
    }

    [Fact]
    public async Task A_delivery_job_retried_after_the_send_does_not_send_again()
    {
        using var slack = ProviderFakes.Slack();
        await using var host = await DeliveryHost.CreateAsync(Monday, ProviderFakes.SlackSettings(slack));
        var learner = await host.AddLearnerAsync(l => (l.SlackUserId, l.PreferredChannel) = ("U0LEARNER1", DeliveryChannel.Slack));
        var lesson = await host.AddLessonAsync(learner);

        await host.DeliverAsync(lesson.Id);
        await host.DeliverAsync(lesson.Id);
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await host.DeliverAsync(lesson.Id);

        Assert.Equal(1, slack.Calls("/api/chat.postMessage"));
        Assert.Single(await host.DeliveriesAsync(lesson.Id));
    }

    [Fact]
    public async Task A_send_interrupted_mid_way_is_not_repeated_because_it_may_have_gone_out()
    {
        using var slack = ProviderFakes.Slack();
        await using var host = await DeliveryHost.CreateAsync(Monday, ProviderFakes.SlackSettings(slack));
        var learner = await host.AddLearnerAsync(l => (l.SlackUserId, l.PreferredChannel) = ("U0LEARNER1", DeliveryChannel.Slack));
        var lesson = await host.AddLessonAsync(learner);
        // A worker claimed the record and died before writing the outcome.
        await host.WithDbAsync(async db =>
        {
            db.LessonDeliveries.Add(new LessonDelivery
            {
                LessonId = lesson.Id, LearnerId = learner.Id, Channel = DeliveryChannel.Slack, Sequence = 0,
                IdempotencyKey = LessonDelivery.KeyFor(lesson.Id, DeliveryChannel.Slack, 0), Status = DeliveryStatus.Sending, Attempts = 1,
                CreatedAt = Monday, UpdatedAt = Monday,
            });
            return await db.SaveChangesAsync();
        });

        await host.DeliverAsync(lesson.Id); // within the lease: left alone
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await host.DeliverAsync(lesson.Id); // lease over: given up, not re-sent

        Assert.Equal(0, slack.Calls("/api/chat.postMessage"));
        var record = Assert.Single(await host.DeliveriesAsync(lesson.Id));
        Assert.Equal(DeliveryStatus.Failed, record.Status);
        Assert.Contains("outcome is unknown", record.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Slack_member_that_cannot_be_reached_falls_back_to_the_next_channel_and_the_records_say_so()
    {
        using var slack = ProviderFakes.Slack();
        slack.Given(Request.Create().WithPath("/api/conversations.open").UsingPost())
            .RespondWith(ProviderFakes.Json(200, """{"ok":false,"error":"user_not_found"}"""));
        await using var host = await DeliveryHost.CreateAsync(Monday, ProviderFakes.SlackSettings(slack));
        var learner = await host.AddLearnerAsync(l => (l.SlackUserId, l.PreferredChannel) = ("U0GONE", DeliveryChannel.Slack));
        var lesson = await host.AddLessonAsync(learner);

        await host.DeliverAsync(lesson.Id);

        // All records share the fake clock's time, so they are compared by channel, not by their order in the table.
        var records = (await host.DeliveriesAsync(lesson.Id)).ToDictionary(r => r.Channel);
        Assert.Equal([DeliveryChannel.Web, DeliveryChannel.Email, DeliveryChannel.Slack, DeliveryChannel.Sms], records.Keys.Order());
        Assert.Equal((DeliveryStatus.Failed, "Slack conversations.open: user_not_found"), (records[DeliveryChannel.Slack].Status, records[DeliveryChannel.Slack].Error));
        Assert.Equal("Email is not configured (Smtp:Host).", records[DeliveryChannel.Email].Error);
        Assert.StartsWith("SMS is not configured", records[DeliveryChannel.Sms].Error, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Sent, records[DeliveryChannel.Web].Status);
        Assert.All(records.Values.Where(r => r.Channel != DeliveryChannel.Slack), r => Assert.Equal(DeliveryChannel.Slack, r.FallbackFrom));
        Assert.Equal(0, slack.Calls("/api/chat.postMessage"));
    }

    [Fact]
    public async Task Slack_server_errors_are_retried_with_backoff_and_then_given_up_for_the_next_channel()
    {
        using var slack = ProviderFakes.Slack();
        slack.Given(Request.Create().WithPath("/api/chat.postMessage").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("upstream unavailable"));
        var logs = new BmoLearning.Tests.Telemetry.JsonLogLines();
        await using var host = await DeliveryHost.CreateAsync(Monday, new Dictionary<string, string?>(ProviderFakes.SlackSettings(slack)) { ["Delivery:MaxAttempts"] = "2" }, logs: logs);
        var learner = await host.AddLearnerAsync(l => (l.SlackUserId, l.PreferredChannel) = ("U0LEARNER1", DeliveryChannel.Slack));
        var lesson = await host.AddLessonAsync(learner);

        await host.DeliverAsync(lesson.Id);
        // The first configured wait (30 s) stretched by RetryBackoff's jitter of up to 20%.
        var due = Assert.Single(host.Jobs.All).DueAt;
        Assert.InRange(due, Monday.AddSeconds(30), Monday.AddSeconds(30 * (1 + RetryBackoff.Jitter)));
        host.Time.SetUtcNow(due);
        await host.DrainAsync();

        Assert.Equal(2, slack.Calls("/api/chat.postMessage"));
        var records = await host.DeliveriesAsync(lesson.Id);
        Assert.Equal((DeliveryStatus.Failed, 2), (records[0].Status, records[0].Attempts));
        Assert.Contains("HTTP 503", records[0].Error, StringComparison.Ordinal);
        Assert.Equal((DeliveryChannel.Web, DeliveryStatus.Sent), (records[^1].Channel, records[^1].Status));
        // The saved delivery-failures query (docs/runbooks/queries.md) counts these lines by channel and reason.
        var failures = logs.Events(BmoLearning.Core.Telemetry.LogEvents.DeliveryFailed.Name!)
            .Where(l => l.GetProperty("channel").GetString() == "slack")
            .Select(l => (l.GetProperty("attempt").GetInt32(), l.GetProperty("reason").GetString(), l.GetProperty("final").GetBoolean()));
        Assert.Equal([(1, "transient", false), (2, "transient", true)], failures);
    }
}
