using BmoLearning.Core.Delivery;
using BmoLearning.Delivery.Email;
using BmoLearning.Delivery.Links;
using BmoLearning.Delivery.Slack;
using BmoLearning.Delivery.Sms;
using BmoLearning.Delivery.Web;
using BmoLearning.Delivery.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BmoLearning.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>The four channels, lesson links and the inbound (webhook) handlers. A channel without its settings reports itself unusable.</summary>
    public static IServiceCollection AddDeliveryChannels(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section);
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section);
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        services.AddSingleton<LessonLinks>();

        services.AddHttpClient<SlackClient>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<SlackOptions>>().Value.Timeout);
        services.AddTransient<TwilioBaseUrlHandler>();
        services.AddHttpClient(TwilioSmsChannel.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30))
            .AddHttpMessageHandler<TwilioBaseUrlHandler>();

        services.AddScoped<IDeliveryChannel, SlackChannel>();
        services.AddScoped<IDeliveryChannel, TwilioSmsChannel>();
        services.AddScoped<IDeliveryChannel, EmailChannel>();
        services.AddScoped<IDeliveryChannel, WebChannel>();

        services.AddScoped<ReplayGuard>();
        services.AddScoped<SlackInteractionHandler>();
        services.AddScoped<SmsReplyHandler>();
        return services;
    }
}
