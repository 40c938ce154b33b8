using Microsoft.Extensions.Options;

namespace BmoLearning.Delivery.Sms;

/// <summary>Sends the SDK's requests to Twilio:ApiBaseUrl instead of Twilio's hosts, keeping path and query.</summary>
internal sealed class TwilioBaseUrlHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Value.ApiBaseUrl) && request.RequestUri is { } uri)
        {
            var root = new Uri(options.Value.ApiBaseUrl.TrimEnd('/') + "/");
            request.RequestUri = new Uri(root, uri.PathAndQuery.TrimStart('/'));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
