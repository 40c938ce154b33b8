using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BmoLearning.Tests.Delivery;

/// <summary>The email channel against a real SMTP server on loopback (maildev), whose inbox the tests read.</summary>
public sealed partial class EmailDeliveryTests
{
    [Fact]
    public async Task A_lesson_email_has_text_and_html_parts_and_answer_links_that_record_only_once_confirmed()
    {
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time, Maildev.SmtpSettings);
        var email = $"email-{Guid.NewGuid():N}@example.com";
        var admin = factory.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/v1/learners", new { email, name = "Robin Email", preferred_channel = "email" });
        var learner = Guid.Parse((string)(await Infrastructure.ApiClient.ReadObjectAsync(created))["id"]!);
        var lesson = await AddUnsentLessonAsync(factory, learner, time);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DeliveryJob>().RunAsync(lesson, 0, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<DeliveryJob>().RunAsync(lesson, 0, CancellationToken.None); // a retried job
        }

        var message = await Maildev.WaitForEmailToAsync(email);
        Assert.Equal("Your 3-minute lesson: Grace periods", (string?)message["subject"]);
        Assert.Equal("lessons@bmo-learning.test", (string?)message["from"]![0]!["address"]);
        var text = (string)message["text"]!;
        var html = (string)message["html"]!;
        Assert.Contains("Question: When is no interest charged on purchases?", text, StringComparison.Ordinal);
        Assert.Contains("<h2 style=\"font-size:18px\">Key points</h2>", html, StringComparison.Ordinal);
        var links = AnswerLink().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(4, links.Count);
        Assert.All(links, l => Assert.Contains(l, text, StringComparison.Ordinal));

        var deliveries = await (await admin.GetAsync($"/api/v1/lessons/{lesson}/deliveries")).Content.ReadAsStringAsync();
        Assert.Contains($"\"provider_message_id\":\"{((string)message["headers"]!["message-id"]!).Trim('<', '>')}\"", deliveries, StringComparison.Ordinal);

        // A click (or a mail scanner opening the link) only shows the confirmation; the button's POST records.
        var browser = factory.CreateClient();
        var clicked = await browser.GetAsync(new Uri(links[1]).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        Assert.Contains("Confirm answer B", await clicked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await WebhookTests.AnswersAsync(factory, learner));
        var page = new Uri(links[1]).AbsolutePath;
        var confirmed = await browser.PostAsync(page[..page.IndexOf("/answer/", StringComparison.Ordinal)], new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "1" }));
        Assert.Contains("Correct", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var answer = Assert.Single(await WebhookTests.AnswersAsync(factory, learner));
        Assert.Equal((1, true, "email"), (answer.AnswerGiven, answer.Correct, answer.Channel));
        Assert.Equal(1, await CountEmailsToAsync(email));
    }

    [Fact]
    public async Task An_unreachable_SMTP_server_is_a_transient_failure_retried_later()
    {
        var settings = new Dictionary<string, string?>(Maildev.SmtpSettings) { ["Smtp:Port"] = "1", ["Smtp:Timeout"] = "00:00:05" };
        await using var host = await DeliveryHost.CreateAsync(DateTimeOffset.Parse("2026-06-08T10:00:00Z", CultureInfo.InvariantCulture), settings);
        var learner = await host.AddLearnerAsync(l => l.PreferredChannel = DeliveryChannel.Email);
        var lesson = await host.AddLessonAsync(learner);

        await host.DeliverAsync(lesson.Id);

        var record = Assert.Single(await host.DeliveriesAsync(lesson.Id));
        Assert.Equal((DeliveryChannel.Email, DeliveryStatus.Queued, 1), (record.Channel, record.Status, record.Attempts));
        Assert.Contains("SMTP server unreachable", record.Error, StringComparison.Ordinal);
        Assert.Single(host.Jobs.All);
    }

    internal static async Task<Guid> AddUnsentLessonAsync(Infrastructure.BmoAppFactory factory, Guid learner, TimeProvider time)
    {
        var lesson = await factory.AddSentLessonAsync(learner, DeliveryChannel.Web, time.GetUtcNow());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>();
        db.LessonDeliveries.RemoveRange(db.LessonDeliveries.Where(d => d.LessonId == lesson.Id));
        await db.SaveChangesAsync();
        return lesson.Id;
    }

    private static async Task<int> CountEmailsToAsync(string address)
    {
        using var http = new HttpClient { BaseAddress = Maildev.Api };
        var inbox = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("api/email"))!.AsArray();
        return inbox.Count(m => m!["to"]!.AsArray().Any(t => (string?)t!["address"] == address));
    }

    [GeneratedRegex("href=\"(http://localhost/l/[^\"]+/answer/[0-3])\"")]
    private static partial Regex AnswerLink();
}
