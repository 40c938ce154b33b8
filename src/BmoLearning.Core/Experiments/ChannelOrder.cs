namespace BmoLearning.Core.Experiments;

/// <summary>The channel_order factor: "preferred_first" tries the learner's channel first, "web_first" sends the web link first.</summary>
public static class ChannelOrder
{
    public const string PreferredFirst = "preferred_first";
    public const string WebFirst = "web_first";
}
