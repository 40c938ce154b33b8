using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Tests.Security;

/// <summary>The whole-run log scan (issue 17) fails a host whose logs hold a secret, and only then.</summary>
public sealed class TestRunLogScanTests
{
    [Theory]
    [InlineData("admin key")]
    [InlineData("learner email")]
    [InlineData("link token")]
    public async Task A_host_that_logs_a_secret_fails_when_it_is_disposed(string kind)
    {
        var factory = new BmoAppFactory().With("Bmo:Roles", "api");
        var email = $"scan-{Guid.NewGuid():N}@example.com";
        TestRunLogs.AddLearnerEmail(email);
        var links = factory.Services.GetRequiredService<BmoLearning.Delivery.Links.LessonLinks>();
        var secret = kind switch
        {
            "admin key" => BmoAppFactory.AdminKey,
            "learner email" => email,
            _ => links.CreateToken(Guid.NewGuid(), Guid.NewGuid(), BmoLearning.Core.Learners.DeliveryChannel.Email),
        };
        factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Leaky").LogWarning("Oops: {Value}", secret);

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(async () => await factory.DisposeAsync());

        Assert.Contains("secret", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_host_whose_logs_are_clean_disposes_quietly()
    {
        var factory = new BmoAppFactory().With("Bmo:Roles", "api");
        factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Clean").LogWarning("Lesson {LessonId} could not be delivered", Guid.NewGuid());

        await factory.DisposeAsync();

        Assert.Contains(factory.RunLogs.Lines, l => l.Contains("could not be delivered", StringComparison.Ordinal));
    }
}
