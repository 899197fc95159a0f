using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using NewsSite.Web.Accounts;
using NewsSite.Web.Health;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Hardening;

/// <summary>
/// What every response says about itself and what every request may be: security headers, the methods the site
/// answers, Kestrel's limits, HSTS and the trusted reverse proxies. Reasons for each value: docs/security.md.
/// </summary>
public static class HttpHardening
{
    /// <summary>
    /// No script anywhere, styles only from our own files, images from us or any https address (articles may embed
    /// agency pictures), forms only back to us, and no framing. The site has no inline script or style to allow.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' https:; font-src 'self'; form-action 'self'; " +
        "base-uri 'none'; frame-ancestors 'none'; manifest-src 'self'";

    /// <summary>
    /// The admin's policy: the reader policy plus the admin's own scripts (ES modules from our origin, never inline,
    /// nothing from other hosts) and their requests back to us (live preview, autosave, picture uploads).
    /// </summary>
    public const string AdminContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' https:; font-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; manifest-src 'self'";

    /// <summary>A news site needs none of the powerful browser features; saying so keeps embedded content from them.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), " +
        "magnetometer=(), microphone=(), midi=(), payment=(), usb=()";

    /// <summary>
    /// Links to other sites learn our origin, never the path (which in the admin names drafts and searches).
    /// </summary>
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    // Everything the site answers: pages and feeds (GET, HEAD) and forms (POST). TRACE would echo cookies back.
    private static readonly string[] AllowedMethods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

    /// <summary>
    /// Kestrel's limits, each chosen rather than inherited: a browser sends about 15 headers and a few KB of them.
    /// The request line is longer than Kestrel's 8 KB, so that even a pasted search of 5,000 umlauts (six bytes each,
    /// percent-encoded) still reaches the search page, which answers in German; Kestrel's own 414 has no body.
    /// </summary>
    public static class Limits
    {
        public const int MaxRequestHeadersTotalBytes = 32 * 1024;
        public const int MaxRequestHeaderCount = 64;
        public const int MaxRequestLineBytes = 32 * 1024;

        /// <summary>A client sending its body slower than this (after the grace period) is dropped: slowloris.</summary>
        public const int MinUploadBytesPerSecond = 1024;

        public static readonly TimeSpan MinUploadGracePeriod = TimeSpan.FromSeconds(10);
        public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(60);
    }

    public static WebApplicationBuilder AddHttpHardening(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            // The server's name and version help only those looking for a known flaw.
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = Limits.MaxRequestHeadersTotalBytes;
            kestrel.Limits.MaxRequestHeaderCount = Limits.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestLineSize = Limits.MaxRequestLineBytes;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(Limits.MinUploadBytesPerSecond, Limits.MinUploadGracePeriod);
            kestrel.Limits.RequestHeadersTimeout = Limits.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = Limits.KeepAliveTimeout;
        });

        SiteHosts.AddSiteHosts(builder);

        // A year, without subdomains or preload: other services on sibling hosts are not ours to decide for.
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));

        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NewsSiteOptions>>((forwarded, site) =>
        {
            // Only the proxies the operator names may tell us the client's address and scheme; everyone else could
            // forge X-Forwarded-For to escape the login throttle and the rate limits.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in site.Value.TrustedProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that every answer (static files, cache hits, error pages) carries the headers.</summary>
    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<NewsSiteOptions>>().Value.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        var hosts = app.Services.GetRequiredService<SiteHosts>();
        app.Logger.LogInformation("Answering requests for the hosts {Hosts}", hosts.Describe());
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                AddSecurityHeaders(context.Response.Headers, AdminArea.Owns(context.Request.Path));
                return Task.CompletedTask;
            }, context);

            if (!AllowedMethods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
            {
                return RefuseMethodAsync(context);
            }

            return hosts.Allows(context.Request.Host) || context.Request.Path.StartsWithSegments(HealthEndpoints.LivePath)
                ? next(context)
                : SiteHosts.RefuseAsync(context);
        });

        // Only over https (the middleware checks), and never for localhost, where a developer's browser would
        // remember it for every other local project.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }

    private static void AddSecurityHeaders(IHeaderDictionary headers, bool admin)
    {
        headers.ContentSecurityPolicy = admin ? AdminContentSecurityPolicy : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY"; // for browsers that predate frame-ancestors
        // A page may send less (a preview link's address holds its token), never more.
        if (!headers.ContainsKey("Referrer-Policy"))
        {
            headers["Referrer-Policy"] = ReferrerPolicy;
        }

        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    private static Task RefuseMethodAsync(HttpContext context)
    {
        // A short answer of our own, before the error pages: those are Razor pages answering only GET and POST.
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = string.Join(", ", AllowedMethods);
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Diese Anfragemethode wird nicht unterstützt.", context.RequestAborted);
    }
}
