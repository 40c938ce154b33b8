using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace BmoLearning.Web;

/// <summary>
/// Console sessions kept on the server (Redis when configured, otherwise memory): the cookie carries only a
/// random session id, so signing out ends the session even for a copy of the cookie, and an idle session
/// expires on the server too.
/// </summary>
internal sealed class ConsoleSessionStore(IDistributedCache cache, IOptions<ConsoleOptions> options) : ITicketStore
{
    private const string Prefix = "bmo:console:session:";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        cache.SetAsync(Prefix + key, TicketSerializer.Default.Serialize(ticket),
            new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(options.Value.IdleTimeoutMinutes) });

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var bytes = await cache.GetAsync(Prefix + key);
        return bytes is null ? null : TicketSerializer.Default.Deserialize(bytes);
    }

    public Task RemoveAsync(string key) => cache.RemoveAsync(Prefix + key);
}

/// <summary>Gives the cookie scheme its session store once the service provider exists.</summary>
internal sealed class ConsoleCookieSetup(ConsoleSessionStore store, IOptions<ConsoleOptions> console) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name == ConsoleAuth.Scheme)
        {
            options.SessionStore = store;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(console.Value.IdleTimeoutMinutes);
        }
    }
}
