using AngleSharp.Html.Parser;
using NewsSite.Core.Markdown;

namespace NewsSite.Core.Tests.Markdown;

/// <summary>
/// Everything the renderer writes must work under the site's own Content-Security-Policy
/// (HttpHardening.ContentSecurityPolicy: style-src 'self', img-src 'self' https:, no script): what the policy would
/// block in the reader's browser is changed at write time, and nothing is lost.
/// </summary>
public class ContentPolicyFitTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private const string EverythingTheEditorCanWrite =
        """
        # Überschrift

        Text mit *Betonung*, **Fett**, ~~gestrichen~~, `Code`, "Zitat" -- und einer Fußnote[^1], https://example.org und <mail@example.org>.

        | Ort | Anzahl | Anteil |
        |:----|:------:|-------:|
        | Köln | 12 | 40 % |
        | Bonn | 3 | 10 % |

        ![Von fern](http://bilder.example/a.jpg "Bild a") ![Sicher](https://bilder.example/b.jpg)
        ![Hier](/bilder/c.jpg) ![Daneben](d.jpg) ![Post](mailto:foto@example.org) ![Alt](ftp://bilder.example/e.jpg)

        > Zitat mit [Link](https://example.org/x)

        - eins
        - zwei

        ```csharp
        var x = 1;
        ```

        [^1]: Die Fußnote.
        """;

    [Fact]
    public void TheRenderedHtml_HasNoInlineStyle_NoHandler_AndOnlyPicturesThePolicyLoads()
    {
        var html = Renderer.Render(EverythingTheEditorCanWrite).Html;
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");

        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(document.QuerySelectorAll("script, style, iframe, object, embed"));
        Assert.All(document.All.SelectMany(e => e.Attributes), a => Assert.False(a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), a.Name));
        Assert.Equal(
            ["https://bilder.example/a.jpg", "https://bilder.example/b.jpg", "/bilder/c.jpg", "d.jpg"],
            document.QuerySelectorAll("img").Select(i => i.GetAttribute("src")));
    }

    [Fact]
    public void TableAlignment_BecomesClasses_OnEveryCellOfItsColumn()
    {
        var document = new HtmlParser().ParseDocument("<body>" + Renderer.Render(EverythingTheEditorCanWrite).Html + "</body>");

        var rows = document.QuerySelectorAll("table tr").Select(r => r.Children.Select(c => c.ClassName).ToList()).ToList();

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(["align-left", "align-center", "align-right"], r));
    }

    [Fact]
    public void APictureThePolicyCannotLoad_StaysAsItsAltText()
    {
        var document = new HtmlParser().ParseDocument("<body>" + Renderer.Render(EverythingTheEditorCanWrite).Html + "</body>");

        Assert.Contains("Post", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Alt", document.Body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("mailto:foto", document.Body.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("ftp:", document.Body.InnerHtml, StringComparison.Ordinal);
    }
}
