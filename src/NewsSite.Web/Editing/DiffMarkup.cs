using Microsoft.AspNetCore.Html;
using NewsSite.Core.Editing;

namespace NewsSite.Web.Editing;

/// <summary>
/// A diff line's text as HTML: in a replaced line the changed words are wrapped in &lt;del&gt; or &lt;ins&gt;, so that a
/// one-word edit shows one word. Written in code rather than Razor because the text sits in a pre-wrapped
/// &lt;code&gt;, where every line break of a template would show.
/// </summary>
public static class DiffMarkup
{
    public static IHtmlContent Text(DiffLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var html = new HtmlContentBuilder();
        html.AppendHtml("<code>");
        if (line.Words is { } words)
        {
            foreach (var span in words)
            {
                var tag = span.Kind switch { DiffKind.Removed => "del", DiffKind.Added => "ins", _ => null };
                if (tag is null)
                {
                    html.Append(span.Text);
                    continue;
                }

                html.AppendHtml($"<{tag} class=\"diff__word\">");
                html.Append(span.Text);
                html.AppendHtml($"</{tag}>");
            }
        }
        else
        {
            html.Append(line.Text);
        }

        return html.AppendHtml("</code>");
    }
}
