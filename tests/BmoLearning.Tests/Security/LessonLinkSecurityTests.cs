using System.Net;
using System.Text;
using BmoLearning.Core.Learners;
using BmoLearning.Delivery.Links;
using BmoLearning.Tests.Delivery;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BmoLearning.Tests.Security;

/// <summary>Lesson links: a GET never answers, the token is checked before any body is read, forms are bounded.</summary>
public sealed class LessonLinkSecurityTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DeliveryApp.MondayMorning);
    private readonly BmoAppFactory _factory;

    public LessonLinkSecurityTests() => _factory = DeliveryApp.Create(_time);

    private async Task<(Guid Learner, string Token)> SentLessonAsync()
    {
        var learner = await WebhookTests.CreateLearnerAsync(_factory.CreateAdminClient(), new { });
        var lesson = await _factory.AddSentLessonAsync(learner, DeliveryChannel.Email, _time.GetUtcNow());
        return (learner, _factory.Services.GetRequiredService<LessonLinks>().CreateToken(learner, lesson.Id, DeliveryChannel.Email));
    }

    [Fact]
    public async Task Opening_an_answer_link_records_nothing_and_shows_a_form_that_posts_the_choice()
    {
        var (learner, token) = await SentLessonAsync();
        var scanner = _factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            var opened = await scanner.GetAsync($"/l/{token}/answer/2");
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            var html = await opened.Content.ReadAsStringAsync();
            Assert.Contains($"<form method=\"post\" action=\"/l/{token}\">", html, StringComparison.Ordinal);
            Assert.Contains("<input type=\"hidden\" name=\"answer\" value=\"2\">", html, StringComparison.Ordinal);
            Assert.Contains("Confirm answer C", html, StringComparison.Ordinal);
        }

        Assert.Empty(await WebhookTests.AnswersAsync(_factory, learner));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await scanner.GetAsync($"/l/{token}/answer/9")).StatusCode);
        Assert.Empty(await WebhookTests.AnswersAsync(_factory, learner));

        var confirmed = await scanner.PostAsync($"/l/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "2" }));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var answer = Assert.Single(await WebhookTests.AnswersAsync(_factory, learner));
        Assert.Equal((2, "email"), (answer.AnswerGiven, answer.Channel));
        // After answering, the link shows the result, and still records nothing more.
        Assert.Contains("Not quite", await (await scanner.GetAsync($"/l/{token}/answer/1")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await WebhookTests.AnswersAsync(_factory, learner));
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task An_answer_posted_from_another_site_is_refused(string header, string value)
    {
        var (learner, token) = await SentLessonAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/l/{token}") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "1" }) };
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await _factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await WebhookTests.AnswersAsync(_factory, learner));
    }

    [Fact]
    public async Task The_lesson_pages_own_form_is_accepted_although_its_no_referrer_policy_makes_the_origin_null()
    {
        // What Chromium sends when the confirmation page's form is submitted (seen in LessonPageBrowserTests).
        var (learner, token) = await SentLessonAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/l/{token}") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "1" }) };
        request.Headers.TryAddWithoutValidation("Origin", "null");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");

        var response = await _factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await WebhookTests.AnswersAsync(_factory, learner));
    }

    [Fact]
    public async Task Oversized_numerous_or_broken_forms_get_400_or_413_and_never_500()
    {
        var (learner, token) = await SentLessonAsync();
        var browser = _factory.CreateClient();

        var huge = await browser.PostAsync($"/l/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "1", ["x"] = new string('a', 5 * 1024 * 1024) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        var many = string.Join("&", Enumerable.Range(0, 1500).Select(i => $"f{i}=1")) + "&answer=1";
        var numerous = await browser.PostAsync($"/l/{token}", new StringContent(many, Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.InRange((int)numerous.StatusCode, 400, 413);

        var broken = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"answer\"\r\n\r\n1\r\n--x", Encoding.UTF8);
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync($"/l/{token}", broken)).StatusCode);
        Assert.Empty(await WebhookTests.AnswersAsync(_factory, learner));
    }

    [Fact]
    public async Task A_bad_token_is_refused_before_the_body_is_read()
    {
        var logs = LogCapture.Attach(_factory);
        var browser = _factory.CreateClient();
        var broken = new StringContent("--xyz\r\nnot multipart at all", Encoding.UTF8);
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync("/l/not-a-token", broken)).StatusCode);
        var many = string.Join("&", Enumerable.Range(0, 1500).Select(i => $"f{i}=1"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync("/l/AAAA.BBBB", new StringContent(many, Encoding.UTF8, "application/x-www-form-urlencoded"))).StatusCode);
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    public void Dispose() => _factory.Dispose();
}
