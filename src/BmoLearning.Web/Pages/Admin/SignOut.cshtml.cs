using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace BmoLearning.Web.Pages.Admin;

public sealed class SignOutModel : ConsolePage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ConsoleOidc.EndsAtProviderAsync(HttpContext))
        {
            // The console session first, then the provider's sign-out page, which comes back to the sign-in page.
            return SignOut(new AuthenticationProperties { RedirectUri = ConsoleAuth.SignInPath }, ConsoleAuth.Scheme, ConsoleOidc.Scheme);
        }

        await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        return Redirect(ConsoleAuth.SignInPath);
    }
}
