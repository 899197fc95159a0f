using System.Globalization;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Addresses;

/// <summary>
/// The site's addresses: paths for links within the site, and absolute URLs for everything read elsewhere (feeds,
/// sitemaps, canonical and sharing tags), always built on the configured <see cref="NewsSiteOptions.BaseUrl"/>.
/// </summary>
public sealed class SiteUrls(IOptions<NewsSiteOptions> options)
{
    // Validated at start (NewsSiteOptions.Validate): absolute http(s), nothing after the host but "/".
    private readonly Uri _baseUri = new(options.Value.BaseUrl!, UriKind.Absolute);

    private string Base => _baseUri.GetLeftPart(UriPartial.Authority);

    /// <summary>The host name alone, e.g. for tag: URIs, which allow no port.</summary>
    public string Host => _baseUri.IdnHost;

    public static string ArticlePath(string slug) => "/artikel/" + slug;

    public static string TagPath(string slug) => "/thema/" + slug;

    public static string AuthorPath(string slug) => "/autor/" + slug;

    /// <summary>
    /// A Ressort's front page. Under its own first segment, like tags (/thema/) and authors (/autor/), so that no
    /// Ressort slug can ever collide with /artikel, /archiv, /admin, /suche or a page added later.
    /// </summary>
    public static string RessortPath(string slug) => "/ressort/" + slug;

    public const string ArchivePath = "/archiv";

    /// <summary>"/archiv/2025/03": four-digit year, two-digit month.</summary>
    public static string MonthPath(ArchiveMonth month) =>
        string.Create(CultureInfo.InvariantCulture, $"{ArchivePath}/{month.Year:D4}/{month.Month:D2}");

    public const string TagsPath = "/themen";

    /// <summary>The public record of corrections.</summary>
    public const string CorrectionsPath = "/korrekturen";

    /// <param name="path">A path within the site, starting with "/", possibly with a query.</param>
    public string Absolute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException("Ein Pfad innerhalb der Website beginnt mit genau einem „/“.", nameof(path));
        }

        return Base + path;
    }

    public Uri AbsoluteUri(string path) => new(Absolute(path), UriKind.Absolute);
}
