using System.Text;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Articles;

public class ArticleTextTests
{
    [Fact]
    public void Utf8WithByteOrderMarkIsAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("---\ntitle: Größe\n---\n")).ToArray();

        Assert.Equal("---\ntitle: Größe\n---\n", ArticleText.Decode("a.md", bytes));
    }

    [Fact]
    public void WindowsLineEndingsAreUnified() =>
        Assert.Equal("a\nb\nc", ArticleText.Decode("a.md", "a\r\nb\rc"u8));

    [Fact]
    public void Latin1IsRefusedAsNotUtf8()
    {
        var latin1 = Encoding.Latin1.GetBytes("---\ntitle: Größe\n---\n");

        var e = Assert.Throws<ArticleFormatException>(() => ArticleText.Decode("alt.md", latin1));

        Assert.Contains("nicht in UTF-8", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("alt.md: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryDataIsRefused()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];

        Assert.Throws<ArticleFormatException>(() => ArticleText.Decode("bild.md", png));
    }

    [Fact]
    public void NulCharacterIsRefusedWithItsLine()
    {
        var e = Assert.Throws<ArticleFormatException>(() => ArticleText.Decode("a.md", "---\ntitle: T\u0000\n---\n"u8));

        Assert.Equal(2, e.Line);
        Assert.Contains("U+0000", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n ")]
    public void EmptyFileIsRefused(string text)
    {
        var e = Assert.Throws<ArticleFormatException>(() => ArticleText.Decode("leer.md", Encoding.UTF8.GetBytes(text)));

        Assert.Contains("leer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TabsAreFine() => Assert.Equal("a\tb", ArticleText.Decode("a.md", "a\tb"u8));
}
