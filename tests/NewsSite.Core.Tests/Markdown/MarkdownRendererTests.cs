using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsSite.Core.Markdown;

namespace NewsSite.Core.Tests.Markdown;

public class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static IDocument Html(string markdown) =>
        new HtmlParser().ParseDocument("<body>" + Renderer.Render(markdown).Html + "</body>");

    /// <summary>The checks a browser would care about: no script element, no event handler, no script-capable URL.</summary>
    private static void AssertInert(IDocument document)
    {
        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, style, svg"));
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase),
                    $"<{element.LocalName} {attribute.Name}> must not exist");
                if (attribute.Name is "href" or "src")
                {
                    var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                    Assert.DoesNotMatch("^(?i)(javascript|data|vbscript|file):", value);
                }
            }
        }
    }

    [Fact]
    public void HeadingsGetGermanTransliteratedIds()
    {
        var document = Html("## Geheime Gespräche zwischen Moskau und Washington\n\nText\n\n### Was heißt das?");

        var h2 = Assert.Single(document.QuerySelectorAll("h2"));
        Assert.Equal("geheime-gespraeche-zwischen-moskau-und-washington", h2.Id);
        Assert.Equal("Geheime Gespräche zwischen Moskau und Washington", h2.TextContent);
        Assert.Equal("was-heisst-das", Assert.Single(document.QuerySelectorAll("h3")).Id);
    }

    [Fact]
    public void RepeatedHeadingsGetDistinctIds()
    {
        var ids = Html("## Fazit\n\n## Fazit\n\n## Fazit").QuerySelectorAll("h2").Select(h => h.Id);

        Assert.Equal(["fazit", "fazit-2", "fazit-3"], ids);
    }

    [Fact]
    public void FirstLevelHeadingsInTheBodyBecomeSecondLevel()
    {
        var document = Html("# Ein Titel im Text\n\nAbsatz");

        Assert.Empty(document.QuerySelectorAll("h1"));
        Assert.Equal("ein-titel-im-text", Assert.Single(document.QuerySelectorAll("h2")).Id);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Text <img src=x onerror=alert(1)> mehr")]
    [InlineData("<div onclick=\"alert(1)\">Klick</div>")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<style>body{display:none}</style>")]
    public void RawHtmlIsEscapedAsText(string markdown)
    {
        var result = Renderer.Render(markdown).Html;
        var document = Html(markdown);

        AssertInert(document);
        Assert.Contains("&lt;", result, StringComparison.Ordinal);
        Assert.Contains("<", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Klick](javascript:alert(1))")]
    [InlineData("[Klick](JaVaScRiPt:alert(1))")]
    [InlineData("[Klick](&#106;avascript:alert(1))")]
    [InlineData("[Klick](<java\tscript:alert(1)>)")]
    [InlineData("[Klick](vbscript:msgbox(1))")]
    [InlineData("[Klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[Klick][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("[Klick](file:///etc/passwd)")]
    public void ScriptCapableLinksAreDroppedButTheirTextStays(string markdown)
    {
        var document = Html(markdown);

        Assert.Empty(document.QuerySelectorAll("a"));
        Assert.Contains("Klick", document.Body!.TextContent, StringComparison.Ordinal);
        AssertInert(document);
    }

    [Theory]
    [InlineData("![Bild](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)")]
    [InlineData("![Bild](javascript:alert(1))")]
    public void ScriptCapableImagesAreDroppedButTheirAltTextStays(string markdown)
    {
        var document = Html(markdown);

        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.Contains("Bild", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AutolinksWithScriptSchemesAreNotLinks()
    {
        var document = Html("Siehe <javascript:alert(1)> und <data:text/html,x>");

        Assert.Empty(document.QuerySelectorAll("a"));
        AssertInert(document);
    }

    [Theory]
    [InlineData("[Quelle](https://www.tagesschau.de/ausland)", "https://www.tagesschau.de/ausland")]
    [InlineData("[Quelle](http://example.org)", "http://example.org")]
    [InlineData("[Schreiben](mailto:redaktion@example.org)", "mailto:redaktion@example.org")]
    [InlineData("[Anderer Artikel](/artikel/koeln-baut)", "/artikel/koeln-baut")]
    [InlineData("[Abschnitt](#fazit)", "#fazit")]
    [InlineData("[Relativ](archiv/2025?seite=2)", "archiv/2025?seite=2")]
    [InlineData("<https://example.org/a:b>", "https://example.org/a:b")]
    [InlineData("Mehr auf https://www.example.org/x heute", "https://www.example.org/x")]
    public void WebMailAndRelativeLinksSurvive(string markdown, string href) =>
        Assert.Equal(href, Assert.Single(Html(markdown).QuerySelectorAll("a")).GetAttribute("href"));

    [Fact]
    public void GenericAttributeSyntaxStaysInertText()
    {
        var document = Html("## Titel {onclick=alert(1)}\n\n[Link](https://example.org){onmouseover=alert(1) #id .klasse}");

        AssertInert(document);
        Assert.Contains("{onclick=alert(1)}", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(document.QuerySelector(".klasse"));
    }

    [Fact]
    public void LinkTitlesCannotBreakOutOfTheirAttribute()
    {
        var document = Html("[a](https://example.org \"x\\\" onmouseover=\\\"alert(1)\")");

        AssertInert(document);
        Assert.Equal("x\" onmouseover=\"alert(1)", document.QuerySelector("a")!.GetAttribute("title"));
    }

    [Fact]
    public void TablesFootnotesAndGermanQuotesRender()
    {
        var document = Html("""
            Er sagte "Ja" dazu.[^1]

            | Stadt | Linien |
            |-------|-------:|
            | Köln  | 12     |

            [^1]: Quelle: Agenturbericht.
            """);

        Assert.Equal("Köln", document.QuerySelector("table td")!.TextContent);
        Assert.NotNull(document.QuerySelector(".footnotes"));
        Assert.Contains("„Ja“", document.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstParagraphIsPlainText()
    {
        var rendered = Renderer.Render("## Überschrift\n\nRussland hat *den* [Vorschlag](https://example.org) `abgelehnt`.\n\nZweiter Absatz.");

        Assert.Equal("Russland hat den Vorschlag abgelehnt.", rendered.FirstParagraph);
    }

    [Theory]
    [InlineData(">", 10_000)]
    [InlineData("> ", 500)]
    [InlineData("*", 50_000)]
    [InlineData("[", 100_000)]
    [InlineData("- ", 2_000)]
    [InlineData("1. ", 1_000)]
    public void DeeplyNestedInputFailsCleanly(string unit, int count)
    {
        var markdown = string.Concat(Enumerable.Repeat(unit, count)) + "Text";

        // Either rendered or refused with a German message; never a crash, never a hang. A hundred thousand "["
        // are refused by the budget before Markdig nests them (MarkdownBudgetTests).
        try
        {
            AssertInert(Html(markdown));
        }
        catch (UnrenderableMarkdownException e)
        {
            Assert.Matches("verschachtelt|zu aufwendig|einzeln gesetzt", e.Message);
        }
    }

    [Fact]
    public void NestingDeeperThanTheLimitIsRefused()
    {
        var markdown = string.Concat(Enumerable.Repeat("> ", MarkdownRenderer.MaxNestingDepth + 10)) + "Text";

        var e = Assert.Throws<UnrenderableMarkdownException>(() => Renderer.Render(markdown));

        Assert.Contains("zu tief verschachtelt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModerateNestingIsFine()
    {
        var document = Html("> - Punkt\n>   > Zitat im Punkt\n>   > - Unterpunkt");

        Assert.Equal("Unterpunkt", document.QuerySelector("blockquote li blockquote li")!.TextContent);
    }

    [Fact]
    public void OverlongInputIsRefused()
    {
        Assert.Throws<UnrenderableMarkdownException>(() => Renderer.Render(new string('a', MarkdownRenderer.MaxLength + 1)));
    }
}
