using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace BmoLearning.Web.Pages.Admin;

public sealed class SignInModel(ConsoleAdminKey adminKey) : ConsolePage
{
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? key)
    {
        if (!ConsoleAuth.KeyMatches(key, adminKey.Current))
        {
            Error = "That key is not valid.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.Principal("admin key", ConsoleAuth.AdminRole, "key"),
            new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(ConsoleAuth.SafeReturnUrl(ReturnUrl));
    }
}
