using System.Collections.Generic;
using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Common;
using BmoLearning.Core.Governance.Keys;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;

namespace BmoLearning.Host.Governance;

public sealed record CreateKeyRequest(string? Name, string? Scope, DateTimeOffset? ExpiresAt);

/// <summary>A managed key as listed: never the secret, which only <see cref="IssuedKeyResponse"/> carries, once.</summary>
public sealed record KeyResponse(Guid Id, string KeyId, string Name, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, Guid? RotatedFromId);

public sealed record IssuedKeyResponse(KeyResponse Key, string Secret);

/// <summary>/api/v1/keys (admin): scoped API keys as data. Creation, rotation and revocation are audited by route and id.</summary>
public static class KeyEndpoints
{
    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/keys").WithTags("API keys").RequireAuthorization(AuthSetup.AdminPolicy);
        group.MapPost("/", CreateAsync).WithName("CreateApiKey");
        group.MapGet("/", ListAsync).WithName("ListApiKeys");
        group.MapPost("/{id:guid}/rotate", RotateAsync).WithName("RotateApiKey");
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeApiKey");
        return api;
    }

    public static async Task<Results<Created<IssuedKeyResponse>, ProblemHttpResult>> CreateAsync(CreateKeyRequest request, ApiKeyService keys, CancellationToken ct)
    {
        var result = await keys.CreateAsync(request.Name, request.Scope?.Trim().ToLowerInvariant(), request.ExpiresAt, ct);
        return result.Status == ServiceStatus.Ok
            ? TypedResults.Created($"/api/v1/keys/{result.Value!.Key.Id}", Issued(result.Value))
            : ApiProblems.From(result);
    }

    public static async Task<Results<Ok<List<KeyResponse>>, ProblemHttpResult>> ListAsync(ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok((await keys.ListAsync(ct)).Select(ToResponse).ToList());

    public static async Task<Results<Created<IssuedKeyResponse>, ProblemHttpResult>> RotateAsync(Guid id, ApiKeyService keys, CancellationToken ct)
    {
        var result = await keys.RotateAsync(id, ct);
        return result.Status == ServiceStatus.Ok
            ? TypedResults.Created($"/api/v1/keys/{result.Value!.Key.Id}", Issued(result.Value))
            : ApiProblems.From(result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, ApiKeyService keys, CancellationToken ct)
    {
        var result = await keys.RevokeAsync(id, ct);
        return result.Status == ServiceStatus.Ok ? TypedResults.NoContent() : ApiProblems.From(result);
    }

    public static KeyResponse ToResponse(ApiKey k) =>
        new(k.Id, $"{ApiKeyService.Prefix}{k.KeyId}", k.Name, k.Scope, k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.RevokedAt, k.RotatedFromId);

    private static IssuedKeyResponse Issued(IssuedApiKey issued) => new(ToResponse(issued.Key), issued.Secret);
}
