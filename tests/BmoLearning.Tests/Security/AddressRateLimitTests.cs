using System.Net;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Security;

/// <summary>Without a valid key (none, a wrong one) and on lesson pages, requests are limited per client address.</summary>
public sealed class AddressRateLimitTests
{
    [Fact]
    public async Task Guessing_keys_from_one_address_gets_429_after_the_limit_while_a_valid_key_is_unaffected()
    {
        using var factory = new BmoAppFactory().With("RateLimit:PerAddressPermitsPerMinute", "3");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await factory.CreateClient().GetAsync("/api/v1/learners")).StatusCode);
        }

        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await factory.CreateClientWithKey($"guess-{i}").GetAsync("/api/v1/learners")).StatusCode);
        }

        // A window may turn over mid-run, which only lets more through: the first ones are 401, some later ones 429.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses.Take(2));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(3));
        var refused = await factory.CreateClientWithKey("one-more-guess").GetAsync("/api/v1/learners");
        if (refused.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Contains("without a valid key", (string?)problem["detail"], StringComparison.Ordinal);
            Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        }

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateAdminClient().GetAsync("/api/v1/learners")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Lesson_page_requests_are_limited_per_address()
    {
        using var factory = new BmoAppFactory().With("RateLimit:PerAddressPermitsPerMinute", "3");
        var browser = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await browser.GetAsync($"/l/guess{i}.AAAA")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], statuses.Take(2));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(3));
    }

    [Fact]
    public async Task Zero_turns_the_per_address_limit_off()
    {
        using var factory = new BmoAppFactory().With("RateLimit:PerAddressPermitsPerMinute", "0");
        var browser = factory.CreateClient();
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/l/guess{i}.AAAA")).StatusCode);
        }
    }
}
