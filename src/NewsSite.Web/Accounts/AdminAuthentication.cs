using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using NewsSite.Core.Accounts;
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

/// <summary>Cookie login for the admin area, with sessions that end when the account's password or role changes.</summary>
public static class AdminAuthentication
{
    public const string CookieName = "newssite_auth";
    public const string LoginPath = "/admin/anmelden";
    public const string StampClaim = "newssite:stamp";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static WebApplicationBuilder AddNewsSiteAccounts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<AccountService>();
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
            options.ExpireTimeSpan = SessionLifetime;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = RejectStaleSessionAsync;

            // The handler's own redirect is absolute, built from the request's scheme and Host header, which a
            // client chooses. The path and query alone lead to the same login page on whatever host the browser is.
            options.Events.OnRedirectToLogin = context =>
            {
                var login = LocalPart(context.RedirectUri);
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

    /// <summary>A fresh session for <paramref name="account"/>: a new cookie with a new ticket replaces any earlier one.</summary>
    public static Task SignInAsync(HttpContext context, UserAccount account)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(ClaimTypes.Role, account.Role == UserRole.Admin ? "admin" : "editor"),
                new Claim(StampClaim, account.SecurityStamp),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return context.SignInAsync(new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>"/admin/anmelden?returnUrl=…" of "https://any.host/admin/anmelden?returnUrl=…".</summary>
    internal static string LocalPart(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : redirectUri;

    public static string AccountName(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name ?? "";
    }

    /// <summary>
    /// Each request checks the session's stamp against the account: a changed password or role, or a removed
    /// account, ends every session that still carries the old stamp. One primary-key lookup per signed-in request.
    /// </summary>
    private static async Task RejectStaleSessionAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        var valid = long.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            && await accounts.FindAsync(id, context.HttpContext.RequestAborted) is { } account
            && account.SecurityStamp == principal!.FindFirstValue(StampClaim);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
