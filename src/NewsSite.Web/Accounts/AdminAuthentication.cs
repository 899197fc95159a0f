using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Accounts;

/// <summary>Policy names for the admin area; the folder conventions in Program use them.</summary>
public static class AdminPolicies
{
    /// <summary>Editors and admins: articles, uploads, images, one's own password.</summary>
    public const string Editor = "Editor";

    /// <summary>Admins only: accounts.</summary>
    public const string Admin = "Admin";
}

/// <summary>
/// Cookie login for the admin area. The cookie names a server-side session (<see cref="AdminSessions"/>), which every
/// signed-in request checks, so that logout and every change to an account's credentials or rights end sessions on
/// the server.
/// </summary>
public static class AdminAuthentication
{
    public const string CookieName = "newssite_auth";
    public const string LoginPath = "/admin/anmelden";

    public static WebApplicationBuilder AddNewsSiteAccounts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<AccountService>();
        services.AddSingleton<AdminSessions>();
        services.AddSingleton<LoginThrottle>();

        // Keys in the data directory: cookies and antiforgery tokens stay valid across restarts and deployments.
        // They are stored unencrypted, like the database beside them; see docs/operations.md on protecting the folder.
        services.AddDataProtection().SetApplicationName("NewsSite");
        services.AddOptions<KeyManagementOptions>().Configure<SitePaths, ILoggerFactory>((options, paths, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(paths.DataDirectory, "keys")), loggers));

        services.AddAntiforgery(options => options.Cookie.Name = "newssite_antiforgery");

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = LoginPath;
            options.LogoutPath = "/admin/abmelden";
            options.ReturnUrlParameter = "returnUrl";

            // The server's session decides idle time and end (AdminSessions); the sealed ticket repeats the absolute
            // end as a second, independent bound, and is never renewed, so no response needs a new cookie.
            options.ExpireTimeSpan = AdminSessions.AbsoluteLimit;
            options.SlidingExpiration = false;
            options.Events.OnValidatePrincipal = context =>
                context.HttpContext.RequestServices.GetRequiredService<AdminSessions>().ValidateAsync(context);

            // The handler's own redirect is absolute, built from the request's scheme and Host header, which a
            // client chooses. The path and query alone lead to the same login page on whatever host the browser is.
            options.Events.OnRedirectToLogin = context =>
            {
                var login = LocalPart(context.RedirectUri);
                if (Images.PictureEndpoints.AnswersWithJson(context.Request.Path))
                {
                    // The editor's script cannot follow a redirect to a login page: it says so in German instead.
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return context.Response.WriteAsJsonAsync(new { error = Images.PictureEndpoints.SessionExpired });
                }

                if (string.Equals(context.Request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal))
                {
                    // A script's request, as the framework answers it: 401, with where to log in.
                    context.Response.Headers.Location = login;
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(login);
                }

                return Task.CompletedTask;
            };

            // An editor on an admin-only page gets the German 403 page, not a redirect to a page that does not exist.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Editor, policy => policy.RequireRole("editor", "admin"))
            .AddPolicy(AdminPolicies.Admin, policy => policy.RequireRole("admin"));
        return builder;
    }

    /// <summary>"/admin/anmelden?returnUrl=…" of "https://any.host/admin/anmelden?returnUrl=…".</summary>
    internal static string LocalPart(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : redirectUri;

    public static string AccountName(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name ?? "";
    }
}
