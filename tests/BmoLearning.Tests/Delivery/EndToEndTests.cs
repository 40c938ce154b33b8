using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BmoLearning.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace BmoLearning.Tests.Delivery;

/// <summary>
/// On loopback, through the real API, worker and channels: a learner on each channel requests a lesson,
/// receives it there and answers it there; progress shows every answer.
/// </summary>
public sealed partial class EndToEndTests
{
    [Fact]
    public async Task A_learner_on_each_channel_receives_a_lesson_and_answers_it_through_that_channel()
    {
        using var slack = ProviderFakes.Slack();
        using var twilio = ProviderFakes.Twilio();
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time, ProviderFakes.SlackSettings(slack), ProviderFakes.TwilioSettings(twilio), Maildev.SmtpSettings);
        var admin = factory.CreateAdminClient();
        var webhook = factory.CreateClient();
        var emailAddress = $"e2e-{Guid.NewGuid():N}@example.com";
        var phone = "+1416555" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var slackLearner = await CreateAsync(admin, new { email = $"s-{Guid.NewGuid():N}@example.com", name = "Sam Slack", slack_user_id = "U0E2ESLACK", preferred_channel = "slack" });
        var smsLearner = await CreateAsync(admin, new { email = $"t-{Guid.NewGuid():N}@example.com", name = "Tia Text", phone, preferred_channel = "sms" });
        var emailLearner = await CreateAsync(admin, new { email = emailAddress, name = "Eli Email", preferred_channel = "email" });
        var webLearner = await CreateAsync(admin, new { email = $"w-{Guid.NewGuid():N}@example.com", name = "Wren Web" });

        var lessons = new Dictionary<string, JsonObject>();
        foreach (var (name, id) in new[] { ("slack", slackLearner), ("sms", smsLearner), ("email", emailLearner), ("web", webLearner) })
        {
            var lesson = await admin.CreateReadyLessonAsync(id, topic: "Grace periods");
            await WaitForSentAsync(admin, (string)lesson["id"]!, name);
            lessons[name] = lesson;
        }

        // Slack: press the correct button in the DM.
        var post = slack.LastJson("/api/chat.postMessage");
        Assert.Equal("U0E2ESLACK", (string?)slack.LastJson("/api/conversations.open")["users"]);
        var buttons = post["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray();
        Assert.Equal(4, buttons.Count);
        var slackLesson = lessons["slack"];
        var press = DeliveryApp.SlackButtonPress("U0E2ESLACK", Guid.Parse((string)slackLesson["id"]!), (int)slackLesson["correct_answer"]!, time.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await webhook.SendAsync(press)).StatusCode);
        Assert.Contains("Correct", slack.LastJson("/api/chat.update").ToJsonString(), StringComparison.Ordinal);

        // SMS: the text carries the options; reply with the right letter.
        var sms = QueryHelpers.ParseQuery(twilio.LogEntries.Single(e => e.RequestMessage.Path == ProviderFakes.MessagesPath).RequestMessage.Body)["Body"].ToString();
        Assert.Contains("Reply A, B, C or D.", sms, StringComparison.Ordinal);
        var letter = (char)('A' + (int)lessons["sms"]["correct_answer"]!);
        var reply = await webhook.SendAsync(DeliveryApp.TwilioSms(phone, letter.ToString(), $"SM{Guid.NewGuid():N}"));
        Assert.Contains("Correct!", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Email: click the right link in the message maildev received, then confirm on the page it opens.
        var email = await Maildev.WaitForEmailToAsync(emailAddress);
        var links = AnswerLink().Matches((string)email["html"]!).Select(m => m.Groups[1].Value).ToList();
        var clickedUrl = new Uri(links[(int)lessons["email"]["correct_answer"]!]);
        var clicked = await factory.CreateClient().GetAsync(clickedUrl.PathAndQuery);
        Assert.Contains("Confirm answer", await clicked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var confirmed = await factory.CreateClient().PostAsync(clickedUrl.AbsolutePath[..clickedUrl.AbsolutePath.IndexOf("/answer/", StringComparison.Ordinal)],
            new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = clickedUrl.Segments[^1] }));
        Assert.Contains("Correct", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Web: open the signed link and submit the form.
        var webUrl = (string)(await (await admin.GetAsync($"/api/v1/lessons/{lessons["web"]["id"]}/deliveries")).ReadObjectAsync())["web_url"]!;
        var submitted = await factory.CreateClient().PostAsync(new Uri(webUrl).PathAndQuery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = ((int)lessons["web"]["correct_answer"]!).ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Contains("Correct", await submitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var (channel, learner) in new[] { ("slack", slackLearner), ("sms", smsLearner), ("email", emailLearner), ("web", webLearner) })
        {
            var progress = await (await admin.GetAsync($"/api/v1/learners/{learner}/progress")).ReadObjectAsync();
            Assert.Equal((1, 1, 1), ((int)progress["questions_answered"]!, (int)progress["correct_answers"]!, (int)progress["lessons_completed"]!));
            var answers = await WebhookTests.AnswersAsync(factory, Guid.Parse(learner));
            Assert.Equal(channel, Assert.Single(answers).Channel);
        }
    }

    private static async Task<string> CreateAsync(HttpClient admin, object learner)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/learners", learner);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.ReadObjectAsync())["id"]!;
    }

    private static async Task WaitForSentAsync(HttpClient admin, string lessonId, string channel)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var body = await (await admin.GetAsync($"/api/v1/lessons/{lessonId}/deliveries")).ReadObjectAsync();
            var records = body["deliveries"]!.AsArray();
            if (records.Any(r => (string?)r!["channel"] == channel && (string?)r["status"] == "sent"))
            {
                Assert.All(records, r => Assert.Equal(channel, (string?)r!["channel"]));
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Lesson {lessonId} was not sent by {channel}: {body.ToJsonString()}");
            }

            await Task.Delay(200);
        }
    }

    [GeneratedRegex("href=\"(http://localhost/l/[^\"]+/answer/[0-3])\"")]
    private static partial Regex AnswerLink();
}
