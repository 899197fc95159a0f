using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace NewsSite.Web.Syndication;

/// <summary>Makes stored text fit for a feed, which is read far from the site and by stricter parsers than browsers.</summary>
public static partial class FeedText
{
    /// <summary>
    /// Removes what XML 1.0 forbids: control characters other than tab and line breaks, U+FFFE, U+FFFF and
    /// surrogates without their partner. Stored text should never hold them, but one such character would make
    /// the whole feed unreadable, so the feed does not rely on it.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstBad = FirstForbidden(text);
        if (firstBad < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
        }

        return clean.ToString();
    }

    private static int FirstForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Resolves the body's relative links and image sources ("/bilder/…", "#abschnitt") against the article's
    /// address: a feed reader shows the HTML on another host, where a relative URL points nowhere.
    /// </summary>
    /// <remarks>
    /// A pattern is enough here because the HTML is our own renderer's: raw HTML is disabled, every attribute is
    /// written as name="value" with the value HTML-escaped, and a quote in text is written as &amp;quot;, so
    /// ' href="' occurs only as a real attribute.
    /// </remarks>
    public static string WithAbsoluteLinks(string bodyHtml, Uri articleUrl)
    {
        ArgumentNullException.ThrowIfNull(bodyHtml);
        ArgumentNullException.ThrowIfNull(articleUrl);
        return LinkAttribute().Replace(bodyHtml, match =>
        {
            var value = WebUtility.HtmlDecode(match.Groups["url"].Value);

            // srcset (our pictures, PictureMarkup) is a list of "url width" candidates; each is resolved.
            var resolved = match.Groups["name"].Value.EndsWith("srcset", StringComparison.Ordinal)
                ? string.Join(", ", value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(candidate =>
                {
                    var space = candidate.IndexOf(' ', StringComparison.Ordinal);
                    return space < 0 ? Absolute(candidate, articleUrl) : Absolute(candidate[..space], articleUrl) + candidate[space..];
                }))
                : Absolute(value, articleUrl);
            return $"{match.Groups["name"].Value}=\"{WebUtility.HtmlEncode(resolved)}\"";
        });
    }

    private static string Absolute(string url, Uri articleUrl) =>
        // Only a scheme makes a URL absolute; "/bilder/x.png" would pass Uri.TryCreate(…, Absolute) as a file path on Unix.
        Scheme().IsMatch(url) || !Uri.TryCreate(articleUrl, url, out var absolute) ? url : absolute.AbsoluteUri;

    [GeneratedRegex(@"(?<name>\s(?:href|src|srcset))=""(?<url>[^""]*)""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LinkAttribute();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();
}
