using BmoLearning.Core.Delivery;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Auth;

/// <summary>
/// Refuses state-changing browser requests that another site started. Browsers say where a request comes
/// from in Origin and Sec-Fetch-Site, which a page cannot forge; clients that send neither (curl, providers'
/// webhooks, integrations) are not browsers replaying someone's credentials, so they pass.
/// </summary>
public static class CrossSiteRequests
{
    public static bool IsCrossSite(HttpRequest request, string? publicBaseUrl)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return false;
        }

        // same-site is refused too: a sibling subdomain is another application.
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && !fetchSite.Equals("same-origin", StringComparison.OrdinalIgnoreCase) && !fetchSite.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // The browser sets Sec-Fetch-Site and no page can forge it. It decides alone when it says same-origin: a page
        // served with Referrer-Policy: no-referrer (the lesson page, which keeps its token out of referrers) makes
        // the browser send "Origin: null" even on its own form's POST, which the check below would refuse.
        if (fetchSite.Equals("same-origin", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        return !SameOrigin(origin, $"{request.Scheme}://{request.Host}") && !SameOrigin(origin, publicBaseUrl);
    }

    private static bool SameOrigin(string origin, string? url) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var a) && Uri.TryCreate(url, UriKind.Absolute, out var b)
        && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>The jobs dashboard's POSTs (trigger, delete, requeue) must come from the dashboard itself.</summary>
    public static IApplicationBuilder UseDashboardCrossSiteCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var publicBaseUrl = context.RequestServices.GetRequiredService<IOptions<DeliveryOptions>>().Value.PublicBaseUrl;
            var dashboard = ApiKeyAuthenticationHandler.IsDashboard(context.Request)
                || context.Request.Path.StartsWithSegments(BmoLearning.Web.ConsoleSetup.JobsDashboardPath, StringComparison.OrdinalIgnoreCase);
            if (dashboard && IsCrossSite(context.Request, publicBaseUrl))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = "Cross-site request refused",
                        Detail = "Dashboard actions must come from the dashboard's own pages (Origin and Sec-Fetch-Site say otherwise).",
                        Type = "https://httpstatuses.io/403",
                    },
                });
                return;
            }

            await next(context);
        });
}
