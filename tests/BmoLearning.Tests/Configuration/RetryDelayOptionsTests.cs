using BmoLearning.Core.Delivery;
using BmoLearning.Core.Lessons;
using Microsoft.Extensions.Configuration;

namespace BmoLearning.Tests.Configuration;

/// <summary>
/// The configuration binder appends to an array that already has values; retry delays must be replaced by
/// configuration, or a configured [1, 1, 1] silently becomes [10, 60, 300, 1, 1, 1].
/// </summary>
public sealed class RetryDelayOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

    [Fact]
    public void Configured_generation_delays_replace_the_defaults()
    {
        var options = Config(("Generation:RetryDelaysSeconds:0", "1"), ("Generation:RetryDelaysSeconds:1", "2"))
            .GetSection(GenerationOptions.Section).Get<GenerationOptions>()!;
        Assert.Equal([1, 2], options.RetryDelays);
    }

    [Fact]
    public void Configured_delivery_delays_replace_the_defaults()
    {
        var options = Config(("Delivery:RetryDelaysSeconds:0", "5")).GetSection(DeliveryOptions.Section).Get<DeliveryOptions>()!;
        Assert.Equal([5], options.RetryDelays);
    }

    [Fact]
    public void Without_configuration_the_defaults_apply()
    {
        Assert.Equal([10, 60, 300], new GenerationOptions().RetryDelays);
        Assert.Equal([30, 120, 600], new DeliveryOptions().RetryDelays);
    }
}
