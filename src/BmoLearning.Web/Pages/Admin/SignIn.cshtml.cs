using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BmoLearning.Web.Pages.Admin;

public sealed class SignInModel(ConsoleAdminKey adminKey, IOptionsMonitor<ConsoleOptions> options) : ConsolePage
{
    public string? Error { get; private set; }

    /// <summary>The provider's display name when single sign-on is configured (Console:Oidc), else null.</summary>
    public string? SingleSignOn => options.CurrentValue.Oidc.IsConfigured ? options.CurrentValue.Oidc.DisplayName : null;

    public string SingleSignOnUrl => $"{ConsoleOidc.ChallengePath}?returnUrl={Uri.EscapeDataString(ConsoleAuth.SafeReturnUrl(ReturnUrl))}";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? key)
    {
        var principal = ConsoleAuth.KeyMatches(key, adminKey.Current)
            ? ConsoleAuth.Principal("admin key", ConsoleAuth.AdminRole, "key")
            : options.CurrentValue.Users.FirstOrDefault(u => ConsoleAuth.KeyMatches(key, u.Key)) is { } user
                ? ConsoleAuth.Principal(user.Name, user.Role, "key", user.Teams)
                : null;
        if (principal is null)
        {
            Error = "That key is not valid.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuth.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(ConsoleAuth.SafeReturnUrl(ReturnUrl));
    }
}
