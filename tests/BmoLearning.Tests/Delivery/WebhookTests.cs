using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using BmoLearning.Core.Data;
using BmoLearning.Core.Learners;
using BmoLearning.Delivery.Slack;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Twilio.Security;

namespace BmoLearning.Tests.Delivery;

/// <summary>Inbound webhooks: signatures checked with the providers' documented vectors; forged, stale and replayed requests change nothing.</summary>
public sealed class WebhookTests
{
    [Fact]
    public void Slack_documented_example_request_verifies_and_goes_stale_after_five_minutes()
    {
        // From Slack's "Verifying requests from Slack".
        const string secret = "8f742231b10e8888abcd99yyyzzz85a5";
        const string timestamp = "1531420618";
        var body = Encoding.UTF8.GetBytes("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
        const string signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(1531420618);
        var tolerance = TimeSpan.FromMinutes(5);

        Assert.Equal(signature, SlackSignature.Compute(secret, timestamp, body));
        Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify(secret, timestamp, signature, body, signedAt.AddSeconds(299), tolerance));
        Assert.Equal(SignatureCheck.Stale, SlackSignature.Verify(secret, timestamp, signature, body, signedAt.AddSeconds(301), tolerance));
        Assert.Equal(SignatureCheck.Invalid, SlackSignature.Verify(secret, timestamp, signature, [.. body, (byte)'x'], signedAt, tolerance));
        Assert.Equal(SignatureCheck.Invalid, SlackSignature.Verify("another-secret", timestamp, signature, body, signedAt, tolerance));
        Assert.Equal(SignatureCheck.Invalid, SlackSignature.Verify(secret, "1531420619", signature, body, signedAt, tolerance));
        Assert.Equal(SignatureCheck.Missing, SlackSignature.Verify(secret, timestamp, null, body, signedAt, tolerance));
    }

    [Fact]
    public void Twilio_documented_example_request_verifies_with_the_SDK_validator()
    {
        // From Twilio's "Webhooks security" page: auth token 12345 and this URL and parameters.
        const string url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        var parameters = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+14158675310", ["Digits"] = "1234", ["From"] = "+14158675310", ["To"] = "+18005551212",
        };
        const string expected = "GvWf1cFY/Q7PnoempGyD5oXAezc=";

        Assert.Equal(expected, DeliveryApp.TwilioSignature("12345", url, parameters));
        Assert.True(new RequestValidator("12345").Validate(url, parameters, expected));
        Assert.False(new RequestValidator("12345").Validate(url, new Dictionary<string, string>(parameters) { ["Digits"] = "9999" }, expected));
        Assert.False(new RequestValidator("54321").Validate(url, parameters, expected));
    }

    [Fact]
    public async Task A_signed_Slack_button_press_records_the_answer_and_replaces_the_buttons_with_the_result()
    {
        using var slack = ProviderFakes.Slack();
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time, ProviderFakes.SlackSettings(slack));
        var client = factory.CreateAdminClient();
        var learner = await CreateLearnerAsync(client, new { slack_user_id = "U0LEARNER1", preferred_channel = "slack" });
        var lesson = await factory.AddSentLessonAsync(learner, DeliveryChannel.Slack, time.GetUtcNow(), ProviderFakes.DmChannel);

        var response = await factory.CreateClient().SendAsync(DeliveryApp.SlackButtonPress("U0LEARNER1", lesson.Id, option: 1, time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = Assert.Single(await AnswersAsync(factory, learner));
        Assert.Equal((1, true, "slack"), (answer.AnswerGiven, answer.Correct, answer.Channel));
        var update = slack.LastJson("/api/chat.update");
        Assert.Equal((ProviderFakes.DmChannel, "1700000000.000100"), ((string?)update["channel"], (string?)update["ts"]));
        var text = update["blocks"]!.ToJsonString();
        Assert.Contains("Correct:", text, StringComparison.Ordinal);
        Assert.Contains("Interest is waived only when", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"actions\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_stale_and_replayed_Slack_requests_are_rejected_and_change_nothing()
    {
        using var slack = ProviderFakes.Slack();
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time, ProviderFakes.SlackSettings(slack));
        var learner = await CreateLearnerAsync(factory.CreateAdminClient(), new { slack_user_id = "U0LEARNER1", preferred_channel = "slack" });
        var lesson = await factory.AddSentLessonAsync(learner, DeliveryChannel.Slack, time.GetUtcNow(), ProviderFakes.DmChannel);
        var client = factory.CreateClient();

        var forged = await client.SendAsync(DeliveryApp.SlackButtonPress("U0LEARNER1", lesson.Id, 1, time.GetUtcNow(), secret: "not-the-signing-secret"));
        var stale = await client.SendAsync(DeliveryApp.SlackButtonPress("U0LEARNER1", lesson.Id, 1, time.GetUtcNow().AddMinutes(-6)));
        var unsigned = DeliveryApp.SlackButtonPress("U0LEARNER1", lesson.Id, 1, time.GetUtcNow());
        unsigned.Headers.Remove("X-Slack-Signature");
        var missing = await client.SendAsync(unsigned);

        Assert.Contains("does not match", (string?)(await forged.AssertProblemAsync(HttpStatusCode.Unauthorized))["detail"], StringComparison.Ordinal);
        Assert.Contains("5 minutes", (string?)(await stale.AssertProblemAsync(HttpStatusCode.Unauthorized))["detail"], StringComparison.Ordinal);
        await missing.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Empty(await AnswersAsync(factory, learner));
        Assert.Equal(0, slack.Calls("/api/chat.update"));

        // A genuine request works once; the same bytes again are a replay.
        var genuine = DeliveryApp.SlackButtonPress("U0LEARNER1", lesson.Id, 2, time.GetUtcNow());
        var replay = DeliveryApp.SlackButtonPress("U0LEARNER1", lesson.Id, 2, time.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(genuine)).StatusCode);
        await (await client.SendAsync(replay)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Single(await AnswersAsync(factory, learner));
        Assert.Equal(1, slack.Calls("/api/chat.update"));
    }

    [Fact]
    public async Task A_button_pressed_by_someone_other_than_the_learner_records_nothing()
    {
        using var slack = ProviderFakes.Slack();
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time, ProviderFakes.SlackSettings(slack));
        var learner = await CreateLearnerAsync(factory.CreateAdminClient(), new { slack_user_id = "U0LEARNER1", preferred_channel = "slack" });
        var lesson = await factory.AddSentLessonAsync(learner, DeliveryChannel.Slack, time.GetUtcNow(), ProviderFakes.DmChannel);

        var response = await factory.CreateClient().SendAsync(DeliveryApp.SlackButtonPress("U0SOMEONEELSE", lesson.Id, 1, time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await AnswersAsync(factory, learner));
    }

    [Fact]
    public async Task An_SMS_reply_answers_the_latest_open_question_and_the_reply_explains()
    {
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var twilio = ProviderFakes.Twilio();
        using var factory = DeliveryApp.Create(time, ProviderFakes.TwilioSettings(twilio));
        var learner = await CreateLearnerAsync(factory.CreateAdminClient(), new { phone = "+14165550199", preferred_channel = "sms" });
        await factory.AddSentLessonAsync(learner, DeliveryChannel.Sms, time.GetUtcNow().AddDays(-1));
        var latest = await factory.AddSentLessonAsync(learner, DeliveryChannel.Sms, time.GetUtcNow());
        var client = factory.CreateClient();

        var reply = await client.SendAsync(DeliveryApp.TwilioSms("+14165550199", " b ", "SM10000000000000000000000000000001"));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var twiml = await reply.Content.ReadAsStringAsync();
        Assert.Contains("<Message>Correct! B) When the statement balance is paid in full by the due date.", twiml, StringComparison.Ordinal);
        var answer = Assert.Single(await AnswersAsync(factory, learner));
        Assert.Equal((latest.Id, 1, "sms"), (answer.LessonId, answer.AnswerGiven, answer.Channel));

        var help = await (await client.SendAsync(DeliveryApp.TwilioSms("+14165550199", "what is this?", "SM10000000000000000000000000000002"))).Content.ReadAsStringAsync();
        Assert.Contains("reply A, B, C or D", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task STOP_opts_the_learner_out_visibly_START_opts_back_in_and_HELP_explains()
    {
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var twilio = ProviderFakes.Twilio();
        using var factory = DeliveryApp.Create(time, ProviderFakes.TwilioSettings(twilio));
        var admin = factory.CreateAdminClient();
        var learner = await CreateLearnerAsync(admin, new { phone = "+14165550199", preferred_channel = "sms" });
        var client = factory.CreateClient();

        var stop = await client.SendAsync(DeliveryApp.TwilioSms("+14165550199", "STOP", "SM20000000000000000000000000000001"));
        Assert.DoesNotContain("<Message>", await stop.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var optedOut = await (await admin.GetAsync($"/api/v1/learners/{learner}")).ReadObjectAsync();
        Assert.True((bool)optedOut["sms_opted_out"]!);
        Assert.Equal(time.GetUtcNow(), (DateTimeOffset)optedOut["sms_opted_out_at"]!);

        var help = await (await client.SendAsync(DeliveryApp.TwilioSms("+14165550199", "help", "SM20000000000000000000000000000002"))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<Message>", help, StringComparison.Ordinal); // opted out: nothing but START gets a reply

        var start = await (await client.SendAsync(DeliveryApp.TwilioSms("+14165550199", "Start", "SM20000000000000000000000000000003"))).Content.ReadAsStringAsync();
        Assert.Contains("again", start, StringComparison.Ordinal);
        Assert.False((bool)(await (await admin.GetAsync($"/api/v1/learners/{learner}")).ReadObjectAsync())["sms_opted_out"]!);
        var helpAfter = await (await client.SendAsync(DeliveryApp.TwilioSms("+14165550199", "HELP", "SM20000000000000000000000000000004"))).Content.ReadAsStringAsync();
        Assert.Contains("Reply STOP to stop", helpAfter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_and_replayed_Twilio_requests_are_rejected_and_change_nothing()
    {
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var twilio = ProviderFakes.Twilio();
        using var factory = DeliveryApp.Create(time, ProviderFakes.TwilioSettings(twilio));
        var admin = factory.CreateAdminClient();
        var learner = await CreateLearnerAsync(admin, new { phone = "+14165550199", preferred_channel = "sms" });
        await factory.AddSentLessonAsync(learner, DeliveryChannel.Sms, time.GetUtcNow());
        var client = factory.CreateClient();

        var wrongToken = await client.SendAsync(DeliveryApp.TwilioSms("+14165550199", "STOP", "SM30000000000000000000000000000001", authToken: "not-the-auth-token"));
        // Signed for the address this process listens on rather than the public URL Twilio was given.
        var wrongUrl = await client.SendAsync(DeliveryApp.TwilioSms("+14165550199", "STOP", "SM30000000000000000000000000000002", signedUrl: "http://10.0.0.5:8080/api/v1/webhooks/twilio/sms"));
        var tampered = DeliveryApp.TwilioSms("+14165550199", "B", "SM30000000000000000000000000000003");
        tampered.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["AccountSid"] = ProviderFakes.TwilioSid, ["Body"] = "STOP", ["From"] = "+14165550199", ["MessageSid"] = "SM30000000000000000000000000000003",
            ["NumMedia"] = "0", ["SmsSid"] = "SM30000000000000000000000000000003", ["To"] = ProviderFakes.TwilioNumber,
        });
        var tamperedResponse = await client.SendAsync(tampered);

        await wrongToken.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await wrongUrl.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await tamperedResponse.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False((bool)(await (await admin.GetAsync($"/api/v1/learners/{learner}")).ReadObjectAsync())["sms_opted_out"]!);
        Assert.Empty(await AnswersAsync(factory, learner));

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(DeliveryApp.TwilioSms("+14165550199", "C", "SM30000000000000000000000000000004"))).StatusCode);
        await (await client.SendAsync(DeliveryApp.TwilioSms("+14165550199", "B", "SM30000000000000000000000000000004"))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, Assert.Single(await AnswersAsync(factory, learner)).AnswerGiven);
    }

    [Fact]
    public async Task Webhooks_of_an_unconfigured_provider_are_refused()
    {
        using var factory = DeliveryApp.Create(new FakeTimeProvider(DeliveryApp.MondayMorning));
        var client = factory.CreateClient();

        await (await client.SendAsync(DeliveryApp.SlackButtonPress("U0LEARNER1", Guid.NewGuid(), 1, DeliveryApp.MondayMorning))).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        await (await client.SendAsync(DeliveryApp.TwilioSms("+14165550199", "B", "SM40000000000000000000000000000001"))).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    internal static async Task<Guid> CreateLearnerAsync(HttpClient admin, object fields)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(fields))!.AsObject();
        body["email"] = $"learner-{Guid.NewGuid():N}@example.com";
        body["name"] = "Pat Learner";
        var response = await admin.PostAsJsonAsync("/api/v1/learners", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse((string)(await response.ReadObjectAsync())["id"]!);
    }

    internal static async Task<List<Core.Quiz.QuizResponse>> AnswersAsync(BmoAppFactory factory, Guid learnerId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().QuizResponses.AsNoTracking().Where(r => r.LearnerId == learnerId).ToListAsync();
    }
}
