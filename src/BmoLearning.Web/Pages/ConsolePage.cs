using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace BmoLearning.Web.Pages;

/// <summary>What every console page shares: the 404 page and the admin check for forms that change things.</summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>A 404 page in the console's layout (not a stack trace, not a bare status).</summary>
    protected IActionResult NotFoundPage(string message) => new PartialViewResult
    {
        ViewName = "_NotFound",
        StatusCode = StatusCodes.Status404NotFound,
        ViewData = new ViewDataDictionary<string>(ViewData, message),
    };

    /// <summary>Null when the user may change content; otherwise the 403 the cookie scheme renders.</summary>
    protected IActionResult? RequireAdmin() => User.IsInRole(ConsoleAuth.AdminRole) ? null : Forbid(ConsoleAuth.Scheme);
}
