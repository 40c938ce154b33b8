using System.CommandLine;
using System.Globalization;
using BmoLearning.Core.Common;
using BmoLearning.Core.Governance.Audit;
using BmoLearning.Core.Governance.Keys;
using BmoLearning.Host.Governance;

namespace BmoLearning.Host.Cli;

/// <summary>`bmo keys create|list|rotate|revoke`: managed API keys; each change is audited with the actor "cli".</summary>
public static class KeysCommand
{
    private static readonly Option<string> NameOption = new("--name") { Description = "Who or what uses the key, e.g. \"HR sync\".", Required = true };
    private static readonly Option<string> ScopeOption = new("--scope") { Description = "admin, integration or analytics (read-only analytics).", Required = true };
    private static readonly Option<string?> ExpiresOption = new("--expires") { Description = "Expiry instant (ISO 8601, e.g. 2027-01-01T00:00:00Z). Default: never." };
    private static readonly Argument<Guid> IdArgument = new("id") { Description = "The key's id (from `bmo keys list`)." };

    public static Command Create()
    {
        var create = new Command("create", "Create a key; its secret is printed once and never stored.") { NameOption, ScopeOption, ExpiresOption, BmoCommandLine.DataDirOption };
        create.TreatUnmatchedTokensAsErrors = false;
        create.SetAction((parse, ct) =>
        {
            DateTimeOffset? expires = null;
            if (parse.GetValue(ExpiresOption) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    Console.Error.WriteLine($"--expires '{text}' is not an ISO 8601 instant.");
                    return Task.FromResult(2);
                }

                expires = parsed;
            }

            return DataCommands.RunAsync(parse, async (services, token) =>
            {
                var result = await services.GetRequiredService<ApiKeyService>().CreateAsync(parse.GetValue(NameOption), parse.GetValue(ScopeOption), expires, token);
                return await IssuedAsync(services, result, "CreateApiKey", token);
            }, ct);
        });

        var list = new Command("list", "List keys (never their secrets).") { BmoCommandLine.DataDirOption };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((parse, ct) => DataCommands.RunAsync(parse, async (services, token) =>
        {
            foreach (var key in await services.GetRequiredService<ApiKeyService>().ListAsync(token))
            {
                var state = key.RevokedAt is not null ? "revoked" : key.ExpiresAt <= DateTimeOffset.UtcNow ? "expired" : "active";
                Console.WriteLine(string.Join('\t', key.Id, $"{ApiKeyService.Prefix}{key.KeyId}", key.Scope, state, key.Name,
                    key.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture) ?? "-", key.LastUsedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "-"));
            }

            return 0;
        }, ct));

        var rotate = new Command("rotate", "Replace a key's secret; the old one stops working.") { IdArgument, BmoCommandLine.DataDirOption };
        rotate.TreatUnmatchedTokensAsErrors = false;
        rotate.SetAction((parse, ct) => DataCommands.RunAsync(parse, async (services, token) =>
        {
            var result = await services.GetRequiredService<ApiKeyService>().RotateAsync(parse.GetValue(IdArgument), token);
            return await IssuedAsync(services, result, "RotateApiKey", token);
        }, ct));

        var revoke = new Command("revoke", "Revoke a key: every process refuses it within two seconds.") { IdArgument, BmoCommandLine.DataDirOption };
        revoke.TreatUnmatchedTokensAsErrors = false;
        revoke.SetAction((parse, ct) => DataCommands.RunAsync(parse, async (services, token) =>
        {
            var id = parse.GetValue(IdArgument);
            var result = await services.GetRequiredService<ApiKeyService>().RevokeAsync(id, token);
            if (result.Status != ServiceStatus.Ok)
            {
                await Console.Error.WriteLineAsync(result.Message);
                return 1;
            }

            await services.GetRequiredService<AuditLog>().AppendAsync("cli", "RevokeApiKey", "api_key", id.ToString(), new { scope = result.Value!.Scope }, token);
            Console.WriteLine($"Revoked {ApiKeyService.Prefix}{result.Value.KeyId}.");
            return 0;
        }, ct));

        return new Command("keys", "Managed API keys (scopes: admin, integration, analytics).") { create, list, rotate, revoke };
    }

    private static async Task<int> IssuedAsync(IServiceProvider services, ServiceResult<IssuedApiKey> result, string action, CancellationToken ct)
    {
        if (result.Status != ServiceStatus.Ok)
        {
            await Console.Error.WriteLineAsync(result.Errors.Count > 0 ? string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")) : result.Message);
            return result.Status == ServiceStatus.Invalid ? 2 : 1;
        }

        var key = result.Value!.Key;
        await services.GetRequiredService<AuditLog>().AppendAsync("cli", action, "api_key", key.Id.ToString(), new { scope = key.Scope }, ct);
        Console.WriteLine(KeyEndpoints.ToResponse(key).Id);
        // The secret goes to standard output only, once; nothing logs it.
        Console.WriteLine(result.Value.Secret);
        return 0;
    }
}
