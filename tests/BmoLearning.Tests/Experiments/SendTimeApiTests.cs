using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BmoLearning.Core.Data;
using BmoLearning.Core.Learners;
using BmoLearning.Core.Quiz;
using BmoLearning.Tests.Delivery;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BmoLearning.Tests.Experiments;

/// <summary>
/// GET /learners/{id}/send_time on a fake clock (Monday 2026-06-08 10:00 UTC) with the organisation's quiet hours
/// 20:00–08:00: after a week of deliveries answered only at one hour, that hour is today's slot; a quiet hour never is.
/// </summary>
public sealed class SendTimeApiTests
{
    private static readonly Dictionary<string, string?> QuietHours = new()
    {
        ["Delivery:QuietHoursStart"] = "20:00",
        ["Delivery:QuietHoursEnd"] = "08:00",
    };

    [Fact]
    public async Task The_hour_answers_come_in_becomes_the_slot_in_the_learners_zone_and_quiet_hours_win()
    {
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time, QuietHours);
        var admin = factory.CreateAdminClient();
        var toronto = await CreateAsync(admin, new { email = $"st-{Guid.NewGuid():N}@example.com", name = "Tor Onto", time_zone = "America/Toronto" });
        var offset = TimeSpan.FromHours(-4); // Toronto in June
        // Monday to Friday of the week before, every allowed local hour 08–19 and the quiet hour 21: only 14:00 and
        // 21:00 are answered (within ten minutes); the rest never are.
        for (var day = 1; day <= 5; day++)
        {
            foreach (var hour in Enumerable.Range(8, 12).Append(21))
            {
                var sentAt = new DateTimeOffset(2026, 6, day, hour, 0, 0, offset);
                await SeedAsync(factory, toronto, sentAt, answered: hour is 14 or 21);
            }
        }

        var choice = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/learners/{toronto}/send_time"))!;

        Assert.Equal("fixed", (string?)choice["policy"]); // nothing shipped: the learned slot is advisory
        Assert.Equal("2026-06-08", (string?)choice["local_date"]);
        Assert.True((bool)choice["can_send"]!);
        Assert.Equal(14, (int)choice["local_hour"]!);
        Assert.False((bool)choice["exploring"]!, (string?)choice["reason"]);
        Assert.Equal(new DateTimeOffset(2026, 6, 8, 14, 0, 0, offset), DateTimeOffset.Parse((string)choice["send_at"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange((double)choice["estimated_answer_rate"]!, 0.75, 1.0);
    }

    [Fact]
    public async Task A_learners_own_quiet_hours_override_the_hour_their_answers_favour()
    {
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time, QuietHours);
        var admin = factory.CreateAdminClient();
        var learner = await CreateAsync(admin, new { email = $"sq-{Guid.NewGuid():N}@example.com", name = "Quinn Quiet", quiet_hours_start = "12:00", quiet_hours_end = "16:00" });
        for (var day = 1; day <= 5; day++)
        {
            foreach (var seeded in new[] { 9, 14, 17 })
            {
                await SeedAsync(factory, learner, new DateTimeOffset(2026, 6, day, seeded, 0, 0, TimeSpan.Zero), answered: seeded == 14);
            }
        }

        var choice = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/learners/{learner}/send_time"))!;

        Assert.True((bool)choice["can_send"]!);
        var hour = (int)choice["local_hour"]!;
        Assert.False(hour is >= 12 and < 16, $"Chose {hour}:00 inside the learner's quiet hours 12:00–16:00.");
        Assert.Equal(hour, DateTimeOffset.Parse((string)choice["send_at"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.Hour);
    }

    [Fact]
    public async Task An_unknown_learner_is_404_and_a_caller_without_a_key_is_401()
    {
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time);
        var unknown = Guid.NewGuid();

        await (await factory.CreateAdminClient().GetAsync($"/api/v1/learners/{unknown}/send_time")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClientWithKey(null).GetAsync($"/api/v1/learners/{unknown}/send_time")).StatusCode);
    }

    private static async Task<Guid> CreateAsync(HttpClient admin, object learner)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/learners", learner);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse((string)(await response.ReadObjectAsync())["id"]!);
    }

    /// <summary>A lesson sent at <paramref name="sentAt"/>, answered ten minutes later or never.</summary>
    private static async Task SeedAsync(BmoAppFactory factory, Guid learnerId, DateTimeOffset sentAt, bool answered)
    {
        sentAt = sentAt.ToUniversalTime(); // PostgreSQL stores only UTC offsets
        var lesson = await factory.AddSentLessonAsync(learnerId, DeliveryChannel.Web, sentAt);
        if (!answered)
        {
            return;
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.QuizResponses.Add(new QuizResponse { LearnerId = learnerId, LessonId = lesson.Id, AnswerGiven = 1, Correct = true, Channel = "web", CreatedAt = sentAt.AddMinutes(10) });
        await db.SaveChangesAsync();
    }
}
