using System.Globalization;
using System.Net;
using System.Text;

namespace NewsSite.Core.Images;

/// <summary>
/// The one way a stored picture is written into a page, for lead pictures, teasers and pictures in an article's body
/// alike: a &lt;picture&gt; with a WebP srcset, a JPEG srcset as the fallback, and width and height from the original,
/// so that the browser reserves the space before a byte arrives (no layout shift). Everything written is encoded.
/// </summary>
public static class PictureMarkup
{
    /// <summary>The article's column: full width on a phone, at most the 42rem measure (672 px) beside.</summary>
    public const string ArticleSizes = "(min-width: 44rem) 42rem, 100vw";

    /// <summary>The lead story of a listing's first page, across the page's 64 rem column (less its padding).</summary>
    public const string ListingLeadSizes = "(min-width: 64rem) 61.5rem, calc(100vw - 2.5rem)";

    /// <summary>A teaser's picture: the page's width less its padding on a phone, one of two 29.5 rem columns from 56 rem on.</summary>
    public const string TeaserSizes = "(min-width: 64rem) 29.5rem, (min-width: 56rem) calc(50vw - 2.5rem), calc(100vw - 2.5rem)";

    public static string Html(PictureFacts picture, string alt, string sizes, bool eager, string? cssClass = null)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var widths = PictureVariants.WidthsFor(picture.Width);
        var html = new StringBuilder("<picture>");
        html.Append("<source type=\"image/webp\" srcset=\"").Append(SrcSet(picture, widths, ".webp"))
            .Append("\" sizes=\"").Append(Encode(sizes)).Append("\">");
        html.Append("<img src=\"").Append(PictureVariants.WidthUrl(picture, Fallback(widths), ".jpg"))
            .Append("\" srcset=\"").Append(SrcSet(picture, widths, ".jpg"))
            .Append("\" sizes=\"").Append(Encode(sizes))
            .Append("\" width=\"").Append(picture.Width.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(picture.Height.ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(Encode(alt)).Append('"');
        if (cssClass is not null)
        {
            html.Append(" class=\"").Append(Encode(cssClass)).Append('"');
        }

        // The lead picture is the page's largest paint: fetched at once. Everything else waits until it nears the screen.
        html.Append(eager ? " fetchpriority=\"high\"" : " loading=\"lazy\"").Append(" decoding=\"async\"></picture>");
        return html.ToString();
    }

    public static string Html(LeadPicture picture, string sizes, bool eager, string? cssClass = null)
    {
        ArgumentNullException.ThrowIfNull(picture);
        return Html(Facts(picture), picture.Alt, sizes, eager, cssClass);
    }

    public static PictureFacts Facts(LeadPicture picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        return new PictureFacts(picture.FileName, picture.Width, picture.Height, Path.GetExtension(picture.FileName), 0);
    }

    /// <summary>
    /// A picture of an article's body as a figure, captioned by the Markdown image's title when it has one. A credit
    /// at the title's end ("Die Brücke am Abend – Foto: Anna Berger", as the editor's picture dialog writes it) is set
    /// apart like the lead picture's.
    /// </summary>
    public static string Figure(PictureFacts picture, string alt, string? caption, string sizes)
    {
        var html = new StringBuilder("<figure class=\"figure\">").Append(Html(picture, alt, sizes, eager: false));
        if (!string.IsNullOrWhiteSpace(caption))
        {
            var (text, credit) = SplitCredit(caption.Trim());
            html.Append("<figcaption>");
            if (text.Length > 0)
            {
                html.Append("<span class=\"figure__caption\">").Append(Encode(text)).Append("</span>");
            }

            if (credit is not null)
            {
                html.Append(text.Length > 0 ? " " : "").Append("<span class=\"figure__credit\">").Append(Encode(CreditPrefix + credit)).Append("</span>");
            }

            html.Append("</figcaption>");
        }

        return html.Append("</figure>").ToString();
    }

    /// <summary>How a body picture's title names the photographer: "… – Foto: Name" or "Foto: Name" alone.</summary>
    public const string CreditPrefix = "Foto: ";

    public static (string Caption, string? Credit) SplitCredit(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (title.StartsWith(CreditPrefix, StringComparison.Ordinal))
        {
            return ("", title[CreditPrefix.Length..].Trim());
        }

        var at = title.LastIndexOf(" – " + CreditPrefix, StringComparison.Ordinal);
        return at < 0 ? (title, null) : (title[..at].Trim(), title[(at + 3 + CreditPrefix.Length)..].Trim());
    }

    /// <summary>The variant the img's src names for browsers without srcset: 800 wide, or the widest below.</summary>
    private static int Fallback(IReadOnlyList<int> widths) => widths.LastOrDefault(w => w <= 800, widths[0]);

    private static string SrcSet(PictureFacts picture, IReadOnlyList<int> widths, string extension) =>
        string.Join(", ", widths.Select(w => PictureVariants.WidthUrl(picture, w, extension) + " " + w.ToString(CultureInfo.InvariantCulture) + "w"));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
