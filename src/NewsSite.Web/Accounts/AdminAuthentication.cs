using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsSite.Web.Nodes;
using NewsSite.Core.Accounts;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Accounts;

/// <summary>Policy names for the admin area (decision 0017); <see cref="AdminArea"/> applies them by folder.</summary>
public static class AdminPolicies
{
    /// <summary>Every account: one's own articles, pictures, one's own password.</summary>
    public const string Writer = "Writer";

    /// <summary>Editors and admins: review, publish, every article, uploads, authors, tags.</summary>
    public const string Editor = "Editor";

    /// <summary>Admins only: accounts, Ressorts, the site's pages, the audit log.</summary>
    public const string Admin = "Admin";
}

/// <summary>
/// Endpoint metadata of what the admin's scripts call (autosave): signed out, such an endpoint answers 401 with
/// <c>{"error": Message}</c> instead of redirecting to the login page. With <paramref name="OnlyForJson"/>, only a
/// request that accepts JSON gets that; a plain form post is sent to log in as usual.
/// </summary>
public sealed record SignedOutAnswer(string Message, bool OnlyForJson = false)
{
    /// <summary>The answer the current request's endpoint asks for, if any.</summary>
    public static SignedOutAnswer? For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = context.GetEndpoint()?.Metadata.GetMetadata<SignedOutAnswer>();
        return answer is null || (answer.OnlyForJson && !AcceptsJson(context.Request)) ? null : answer;
    }

    public static bool AcceptsJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
    }
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
        // With several nodes the throttle counts in Redis, so that failures through every node add up (decision 0026).
        services.TryAddSingleton<SharedCounts>();
        services.AddSingleton<ILoginThrottleState>(sp => sp.GetRequiredService<SharedCounts>() is { Shared: true } counts
            ? new RedisLoginThrottleState(counts)
            : new MemoryLoginThrottleState());
        services.AddSingleton<LoginThrottle>();

        // Keys in the data directory: cookies and antiforgery tokens stay valid across restarts and deployments.
        // They are stored unencrypted, like the database beside them; see docs/operations.md on protecting the folder.
        services.AddDataProtection().SetApplicationName("NewsSite");
        // On several nodes the key ring lives in Redis instead, so that a login or a form from one node is valid on
        // every other, with a copy in the data folder for a start while Redis is away (decision 0026).
        services.AddOptions<KeyManagementOptions>().Configure<SitePaths, ILoggerFactory, IServiceProvider>((options, paths, loggers, provider) =>
        {
            var files = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(paths.DataDirectory, "keys")), loggers);
            options.XmlRepository = provider.GetRequiredService<SharedRedis>().Connection is { } redis
                ? new MirroredKeyRing(new RedisXmlRepository(() => redis.Database, redis.Key("dataprotection-keys")), files, loggers.CreateLogger<MirroredKeyRing>())
                : files;
        });

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
                if (SignedOutAnswer.For(context.HttpContext) is { } answer)
                {
                    // A script's fetch would follow a redirect to the login page and take its 200 for success.
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.CacheControl = "no-store";
                    return context.Response.WriteAsJsonAsync(new { error = answer.Message });
                }

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
                if (SignedOutAnswer.For(context.HttpContext) is not null)
                {
                    return context.Response.WriteAsJsonAsync(new { error = "Dieses Konto darf das nicht." });
                }

                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Writer, policy => policy.RequireRole(RolesFrom(UserRole.Contributor)))
            .AddPolicy(AdminPolicies.Editor, policy => policy.RequireRole(RolesFrom(UserRole.Editor)))
            .AddPolicy(AdminPolicies.Admin, policy => policy.RequireRole(RolesFrom(UserRole.Admin)));
        return builder;
    }

    /// <summary>The claim values of <paramref name="lowest"/> and every role above it.</summary>
    public static string[] RolesFrom(UserRole lowest) =>
        Enum.GetValues<UserRole>().Where(role => role >= lowest).Select(UserRoles.Text).ToArray();

    /// <summary>The signed-in account's role, from its claim (the session checks it against the database).</summary>
    public static UserRole Role(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Enum.GetValues<UserRole>().Reverse().FirstOrDefault(role => user.IsInRole(UserRoles.Text(role)), UserRole.Contributor);
    }

    public static bool MayEdit(this ClaimsPrincipal user) => user.Role() >= UserRole.Editor;

    /// <summary>"/admin/anmelden?returnUrl=…" of "https://any.host/admin/anmelden?returnUrl=…".</summary>
    internal static string LocalPart(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : redirectUri;

    public static string AccountName(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name ?? "";
    }
}
