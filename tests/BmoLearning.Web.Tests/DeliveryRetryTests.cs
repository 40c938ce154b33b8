using System.Net;
using System.Text.RegularExpressions;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Web.Tests;

/// <summary>Retrying a failed delivery from the deliveries page: admins only, with the antiforgery token, failed ones only.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class DeliveryRetryTests(ConsoleApp app)
{
    [Fact]
    public async Task An_admin_retries_a_failed_reminder_and_it_is_queued_again()
    {
        var id = await AddFailedReminderAsync();
        var (status, _) = await PostRetryAsync(await app.SessionCookieAsync("admin"), id);
        using var scope = app.Services.CreateScope();
        var record = await scope.ServiceProvider.GetRequiredService<AppDbContext>().LessonDeliveries.AsNoTracking().SingleAsync(d => d.Id == id);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.NotEqual(DeliveryStatus.Failed, record.Status);
        Assert.Null(record.Error);
    }

    [Fact]
    public async Task A_viewer_or_manager_posting_a_retry_gets_403_and_the_delivery_stays_failed()
    {
        var id = await AddFailedReminderAsync();
        var (viewer, _) = await PostRetryAsync(await app.SessionCookieAsync("viewer"), id);
        var (manager, _) = await PostRetryAsync(await app.SessionCookieAsync("manager", ConsoleApp.OtherTeam), id);
        using var scope = app.Services.CreateScope();
        var record = await scope.ServiceProvider.GetRequiredService<AppDbContext>().LessonDeliveries.AsNoTracking().SingleAsync(d => d.Id == id);

        Assert.Equal(HttpStatusCode.Forbidden, viewer);
        Assert.Equal(HttpStatusCode.Forbidden, manager);
        Assert.Equal(DeliveryStatus.Failed, record.Status);
    }

    [Fact]
    public async Task Retrying_an_unknown_delivery_is_a_404_page()
    {
        var (status, html) = await PostRetryAsync(await app.SessionCookieAsync("admin"), Guid.NewGuid());

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("No failed delivery with that id.", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// A failed reminder (sequence 1) of the failed SMS lesson: reminders count in no dashboard number, and a reminder of a
    /// lesson never delivered is not sent, so retrying it changes nothing the other tests read.
    /// </summary>
    private async Task<Guid> AddFailedReminderAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var lesson = await db.LessonDeliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Failed && d.Sequence == 0).Select(d => d.LessonId).FirstAsync();
        var now = DateTimeOffset.UtcNow;
        var sequence = Random.Shared.Next(100, 100_000);
        var record = new LessonDelivery
        {
            LessonId = lesson, LearnerId = (await db.Lessons.SingleAsync(l => l.Id == lesson)).LearnerId, Channel = DeliveryChannel.Sms, Sequence = sequence,
            IdempotencyKey = LessonDelivery.KeyFor(lesson, DeliveryChannel.Sms, sequence), Status = DeliveryStatus.Failed,
            Error = "Twilio: reminder refused", Attempts = 3, CreatedAt = now, UpdatedAt = now,
        };
        db.LessonDeliveries.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    }

    private async Task<(HttpStatusCode Status, string Html)> PostRetryAsync(string cookie, Guid id)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        // The token (bound to the signed-in user) comes from the overview, which every role may open; the antiforgery cookie with it.
        using var get = new HttpRequestMessage(HttpMethod.Get, "/admin") { Headers = { { "Cookie", cookie } } };
        var form = await client.SendAsync(get);
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        var af = form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("bmo_console_af=", StringComparison.Ordinal)).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/admin/deliveries?handler=Retry&id={id}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
            Headers = { { "Cookie", $"{cookie}; {af}" } },
        };
        var response = await client.SendAsync(post);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
