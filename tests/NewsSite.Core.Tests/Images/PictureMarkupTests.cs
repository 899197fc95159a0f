using NewsSite.Core.Images;

namespace NewsSite.Core.Tests.Images;

public class PictureMarkupTests
{
    private static readonly PictureFacts Picture = new("0123456789abcdef0123456789abcdef.jpg", 1200, 800, ".jpg", 1000);

    [Theory]
    [InlineData("Die Brücke am Abend – Foto: Anna Berger", "Die Brücke am Abend", "Anna Berger")]
    [InlineData("Foto: Anna Berger", "", "Anna Berger")]
    [InlineData("Die Brücke am Abend", "Die Brücke am Abend", null)]
    [InlineData("Fotos: Köln – im Regen", "Fotos: Köln – im Regen", null)]
    public void ABodyPicturesTitle_IsSplitIntoCaptionAndCredit(string title, string caption, string? credit)
    {
        Assert.Equal((caption, credit), PictureMarkup.SplitCredit(title));
    }

    [Fact]
    public void TheFigure_SetsTheCreditApart_LikeTheLeadPictures()
    {
        var html = PictureMarkup.Figure(Picture, "Brücke", "Am Abend – Foto: Anna <Berger>", PictureMarkup.ArticleSizes);

        Assert.Contains("<figcaption><span class=\"figure__caption\">Am Abend</span> <span class=\"figure__credit\">Foto: Anna &lt;Berger&gt;</span></figcaption>",
            html, StringComparison.Ordinal);
    }
}
