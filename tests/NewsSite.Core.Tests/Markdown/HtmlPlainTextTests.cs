using NewsSite.Core.Markdown;

namespace NewsSite.Core.Tests.Markdown;

public class HtmlPlainTextTests
{
    [Theory]
    [InlineData("<p>Eins</p><p>Zwei</p>", "Eins Zwei")]
    [InlineData("<h2 id=\"plaene\">Pläne</h2>\n<ul>\n<li>A</li>\n<li>B</li>\n</ul>", "Pläne A B")]
    [InlineData("<p>Zeile<br />\nZeile</p>", "Zeile Zeile")]
    [InlineData("<table><tr><th>Stadt</th><th>Linien</th></tr><tr><td>Köln</td><td>12</td></tr></table>", "Stadt Linien Köln 12")]
    public void BlockElements_SeparateWords(string html, string expected) =>
        Assert.Equal(expected, HtmlPlainText.FromHtml(html));

    [Theory]
    [InlineData("<p>Be<em>ton</em>ung und <strong>fett</strong></p>", "Betonung und fett")]
    [InlineData("<p>Ein <a href=\"https://example.org/?a=1&amp;b=2\" title=\"a &gt; b\">Link</a>.</p>", "Ein Link.")]
    [InlineData("<p><code>x &lt; y</code> und <del>alt</del></p>", "x < y und alt")]
    public void InlineElements_KeepTheirTextInPlace(string html, string expected) =>
        Assert.Equal(expected, HtmlPlainText.FromHtml(html));

    [Fact]
    public void EscapedMarkup_IsDecodedToTheTextItWas_NotTakenForTags()
    {
        var text = HtmlPlainText.FromHtml("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#8222;Köln&#8220;&nbsp;Süd</p>");

        Assert.Equal("<script>alert(\"x\")</script> & „Köln“ Süd", text);
    }

    [Fact]
    public void FootnoteReference_DoesNotGlueItsNumberToTheWord()
    {
        var html = new MarkdownRenderer().Render("Die Quelle[^1] sagt es.\n\n[^1]: Ein Bericht.").Html;

        var text = HtmlPlainText.FromHtml(html);

        Assert.StartsWith("Die Quelle 1 sagt es.", text, StringComparison.Ordinal);
        Assert.Contains("Ein Bericht.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderedArticle_BecomesItsWordsInOrder()
    {
        var html = new MarkdownRenderer().Render(
            """
            Erster *Absatz* mit [Link](https://example.org).

            ## Die Gespräche

            > Ein Zitat.

            1. eins
            2. zwei

            | Stadt | Linien |
            |---|---|
            | Köln | 12 |

                Code <b>roh</b>
            """).Html;

        Assert.Equal(
            "Erster Absatz mit Link. Die Gespräche Ein Zitat. eins zwei Stadt Linien Köln 12 Code <b>roh</b>",
            HtmlPlainText.FromHtml(html));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("<p></p><hr />")]
    public void NoText_IsEmpty(string html) => Assert.Equal("", HtmlPlainText.FromHtml(html));
}
