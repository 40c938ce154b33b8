using System.Reflection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using BmoLearning.Core.Knowledge;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BmoLearning.Web;

/// <summary>Registers and maps the L&amp;D console at /admin.</summary>
public static class ConsoleSetup
{
    public const string StylesheetPath = "/admin/console.css";

    /// <summary>The jobs dashboard behind the console's own sign-in (admins only); /hangfire keeps taking the admin key.</summary>
    public const string JobsDashboardPath = "/admin/jobs";

    /// <param name="adminKey">The current admin key (the host owns it): signing in with it gives the admin role.</param>
    /// <param name="oidc">Console:Oidc as configured: single sign-on is registered only when it names an authority.</param>
    public static IServiceCollection AddBmoConsole(this IServiceCollection services, Func<IServiceProvider, string?> adminKey, ConsoleOidcOptions? oidc = null)
    {
        var singleSignOn = services.AddConsoleOidc(oidc ?? new ConsoleOidcOptions());
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Users.All(ValidUser), "Console:Users: each user needs a Name, a Key of at least 24 characters, a Role of admin, manager or viewer, and a manager at least one team.")
            .ValidateOnStart();
        services.AddSingleton(sp => new ConsoleAdminKey(() => adminKey(sp)));
        // Added beside the API-key scheme, never as the default: only the console's policies name it.
        services.AddAuthentication().AddCookie(ConsoleAuth.Scheme, _ => { });
        // Sessions live on the server (see ConsoleSessionStore); Redis, when configured, registered its cache first.
        services.AddDistributedMemoryCache();
        services.AddSingleton<ConsoleSessionStore>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, ConsoleCookieSetup>();
        services.AddOptions<CookieAuthenticationOptions>(ConsoleAuth.Scheme).Configure(o =>
        {
            o.Cookie.Name = ConsoleAuth.CookieName;
            o.Cookie.Path = ConsoleAuth.CookiePath;
            o.Cookie.HttpOnly = true;
            // Strict keeps the session off every cross-site request; single sign-on needs Lax, or the first page after
            // the provider's redirect would arrive without it (antiforgery still guards every form).
            o.Cookie.SameSite = singleSignOn ? SameSiteMode.Lax : SameSiteMode.Strict;
            o.CookieManager = new LoopbackAwareCookieManager();
            o.SlidingExpiration = true;
            o.LoginPath = ConsoleAuth.SignInPath;
            o.Events.OnRedirectToAccessDenied = async context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(ForbiddenPage);
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(ConsoleAuth.ViewerPolicy, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireRole(ConsoleAuth.AdminRole, ConsoleAuth.ManagerRole, ConsoleAuth.ViewerRole))
            .AddPolicy(ConsoleAuth.StaffPolicy, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireRole(ConsoleAuth.AdminRole, ConsoleAuth.ManagerRole))
            .AddPolicy(ConsoleAuth.AdminPolicy, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireRole(ConsoleAuth.AdminRole));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "bmo_console_af";
            // The whole site: the jobs dashboard checks the same antiforgery token on its POSTs once the service exists.
            o.Cookie.Path = "/";
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", ConsoleAuth.ViewerPolicy);
            o.Conventions.AllowAnonymousToPage("/Admin/SignIn");
            o.Conventions.AuthorizeFolder("/Admin/Documents", ConsoleAuth.StaffPolicy);
            o.Conventions.AuthorizeFolder("/Admin/Lessons", ConsoleAuth.StaffPolicy);
            o.Conventions.AuthorizeFolder("/Admin/Learners", ConsoleAuth.StaffPolicy);
            o.Conventions.AuthorizePage("/Admin/System", ConsoleAuth.AdminPolicy);
            o.Conventions.AuthorizeFolder("/Admin/Deliveries", ConsoleAuth.AdminPolicy);
            o.Conventions.AuthorizeFolder("/Admin/Review", ConsoleAuth.AdminPolicy);
            o.Conventions.AuthorizeFolder("/Admin/Experiments", ConsoleAuth.AdminPolicy);
            o.Conventions.AuthorizeFolder("/Admin/Keys", ConsoleAuth.AdminPolicy);
        });
        return services;
    }

    private static bool ValidUser(ConsoleUser user)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        return System.ComponentModel.DataAnnotations.Validator.TryValidateObject(user, new(user), results, validateAllProperties: true);
    }

    private const string UploadPage = "/Admin/Documents/Index";

    public static IEndpointRouteBuilder MapBmoConsole(this IEndpointRouteBuilder app)
    {
        // Every route takes a small body by default (issue 17); the upload form takes what the documents API takes.
        var maxUpload = app.ServiceProvider.GetRequiredService<IOptions<StorageOptions>>().Value.MaxUploadBytes + (1024 * 1024);
        app.MapRazorPages().Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<PageActionDescriptor>().Any(p => p.ViewEnginePath == UploadPage))
            {
                endpoint.Metadata.Add(new RequestSizeLimitAttribute(maxUpload));
            }
        });
        app.MapConsoleOidc();
        var css = ReadStylesheet();
        app.MapGet(StylesheetPath, () => Results.Text(css, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static string ReadStylesheet()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("console.css")
            ?? throw new InvalidOperationException("console.css is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static readonly string ForbiddenPage = MessagePage("Forbidden", "Your role does not allow this. <a href=\"/admin\">Back to the overview</a>.");

    /// <summary>
    /// A console-styled page for answers written outside Razor Pages (403, the single sign-on refusals): the
    /// stylesheet and header of the console, a heading and one paragraph of trusted HTML.
    /// </summary>
    internal static string MessagePage(string title, string paragraphHtml) =>
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<title>{title} - BMO Learning console</title><link rel=\"stylesheet\" href=\"{StylesheetPath}\"></head>"
        + "<body><header class=\"top\"><p class=\"brand\"><a href=\"/admin\">BMO Learning <span>console</span></a></p></header>"
        + $"<main id=\"main\"><h1>{title}</h1><p>{paragraphHtml}</p></main></body></html>";
}

/// <summary>The admin key as the host currently knows it.</summary>
public sealed class ConsoleAdminKey(Func<string?> current)
{
    public string? Current => current();
}
