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
        await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        return Redirect(ConsoleAuth.SignInPath);
    }
}
