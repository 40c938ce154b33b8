using BmoLearning.Host.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace BmoLearning.Host.Hosting;

public static class OpenApiSetup
{
    public static IServiceCollection AddBmoOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddOperationTransformer((operation, context, _) =>
        {
            // The key is required document-wide; a route that takes none (health, webhooks verified by their
            // signature, signed object URLs, lesson links) says so, or clients would send a key it ignores.
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [];
            }

            return Task.CompletedTask;
        }).AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "BMO Learning API";
            document.Info.Description = "Microlearning for bank staff. /api/v1 routes need an X-API-Key header, except the health checks, the webhooks (verified by the provider's signature) and /api/v1/objects (a signed, expiring URL).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "Admin or integration API key.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
            });
            return Task.CompletedTask;
        }));
}
