using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Request body limits per route: small for JSON and forms (<see cref="DefaultMaxBytes"/>), larger only where a
/// route declares it (document upload: the document limit; AI routes: their context). Over the limit: 413
/// ProblemDetails before anything is read; bodies without a Content-Length are cut off by the server at the limit.
/// </summary>
public static class RequestBodyLimits
{
    public const long DefaultMaxBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var declared = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
            var limit = declared is null ? DefaultMaxBytes : declared.MaxRequestBodySize;
            if (limit is not null && context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "Payload too large",
                        Detail = $"The request body is larger than this route accepts ({limit} bytes).",
                        Type = "https://httpstatuses.io/413",
                    },
                });
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            await next(context);
        });
}
