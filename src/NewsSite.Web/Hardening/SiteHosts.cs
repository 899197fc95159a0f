using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Hardening;

/// <summary>
/// The host names the site answers to: the host of <c>NewsSite:BaseUrl</c> and the loopback names (a reverse proxy
/// on the same machine, a developer), unless the operator names others in <c>AllowedHosts</c> (the setting ASP.NET
/// Core documents, with its syntax: ";"-separated, "*.example.de" for subdomains, "*" for any). A request for another
/// host gets a short German 400. Absolute links never come from the Host header anyway (SiteUrls); refusing foreign
/// hosts also keeps them out of logs, caches and whatever a framework component might build from the request.
/// Health probes are exempt: an orchestrator asks by the container's address, which no setting can know in advance.
/// </summary>
public sealed class SiteHosts
{
    public const string SettingName = "AllowedHosts";

    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    private readonly bool _any;
    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _suffixes = [];

    public SiteHosts(string? allowedHostsSetting, string? baseUrl)
    {
        var configured = (allowedHostsSetting ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IEnumerable<string> names = configured.Length > 0
            ? configured
            : [.. Loopback, .. Uri.TryCreate(baseUrl, UriKind.Absolute, out var site) ? [site.IdnHost] : Array.Empty<string>()];
        foreach (var name in names)
        {
            if (name == "*")
            {
                _any = true;
            }
            else if (name.StartsWith("*.", StringComparison.Ordinal))
            {
                _suffixes.Add(name[1..]);
            }
            else
            {
                _exact.Add(name);
            }
        }
    }

    /// <summary>What the site answers to, for the log at start: "nachrichten.example.de, localhost, …".</summary>
    public string Describe() => _any ? "*" : string.Join(", ", _exact.Concat(_suffixes.Select(s => "*" + s)));

    public bool Allows(HostString host)
    {
        if (_any)
        {
            return true;
        }

        // The port does not matter: the proxy in front chooses it. An empty Host (HTTP/1.0) names no foreign site.
        var name = host.Host;
        if (string.IsNullOrEmpty(name))
        {
            return true;
        }

        return _exact.Contains(name) || _suffixes.Exists(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    public static WebApplicationBuilder AddSiteHosts(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // ASP.NET Core's own host filter reads the same setting but answers in English before our error pages and
        // security headers; it stands aside, and this check, inside UseHttpHardening, does the work.
        builder.Services.Configure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);
        builder.Services.AddSingleton(services => new SiteHosts(
            builder.Configuration[SettingName], services.GetRequiredService<IOptions<NewsSiteOptions>>().Value.BaseUrl));
        return builder;
    }

    public static Task RefuseAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(
            "Diese Adresse gehört nicht zu dieser Website (unbekannter Host).", context.RequestAborted);
    }
}
