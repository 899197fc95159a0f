using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pictures;

/// <summary>An article with a lead picture beside its Markdown file in content/: page, listings, sharing, feeds, variants.</summary>
public class LeadPictureTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string Article = """
        ---
        title: "Neue Brücke über den Rhein"
        ressort: Regional
        author: Lea Graf
        date: 2025-03-14T09:30
        tags: [Köln, Verkehr]
        summary: "Die Brücke ist eröffnet."
        image: bilder/bruecke.jpg
        image-alt: "Eine Brücke im Abendlicht"
        image-caption: "Die neue Brücke am Eröffnungstag"
        image-credit: "Erika Muster"
        ---

        Der erste Absatz.

        ![Ein Blick vom Ufer](bilder/ufer.jpg "Blick vom Ufer aus")

        Der letzte Absatz.
        """;

    private static NewsSiteFactory Site() => new(TestPictures.ContentFolder(
        [("ressorts.yml", "- name: Regional\n"), ("neue-bruecke.md", Article), ("ohne-bild.md", "---\ntitle: \"Ohne Bild\"\ndate: 2025-03-13T09:00\ntags: [Köln]\n---\n\nText.\n")],
        ("bilder/bruecke.jpg", TestPictures.Jpeg(2000, 1250)), ("bilder/ufer.jpg", TestPictures.Jpeg(900, 600))));

    [Fact]
    public async Task ArticlePage_ShowsTheLeadPictureAsAFigure_WithCaptionCreditSrcsetAndSize()
    {
        await using var site = Site();

        var (response, page) = await site.GetPageAsync("/artikel/neue-bruecke-ueber-den-rhein");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var figure = page.QuerySelector("figure.lead-figure")!;
        var img = figure.QuerySelector<IHtmlImageElement>("picture > img")!;
        Assert.Equal("Eine Brücke im Abendlicht", img.AlternativeText);
        Assert.Equal(("2000", "1250"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Null(img.GetAttribute("loading")); // the lead picture is the page's largest paint: not lazy
        var webp = figure.QuerySelector("picture > source[type='image/webp']")!.GetAttribute("srcset")!;
        Assert.Equal(["480w", "800w", "1200w", "1600w"], webp.Split(", ").Select(c => c.Split(' ')[1]));
        Assert.All(webp.Split(", "), c => Assert.Matches(@"^/bilder/[0-9a-f]{32}-\d+\.webp \d+w$", c));
        Assert.Contains("-1200.jpg 1200w", img.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.Equal("Die neue Brücke am Eröffnungstag", figure.QuerySelector("figcaption .figure__caption")!.TextContent);
        Assert.Equal("Foto: Erika Muster", figure.QuerySelector("figcaption .figure__credit")!.TextContent);

        // The picture in the body: a figure below the fold, lazy, captioned from the Markdown title, never upscaled.
        var body = page.QuerySelector(".article__body figure.figure")!;
        var bodyImg = body.QuerySelector<IHtmlImageElement>("img")!;
        Assert.Equal("lazy", bodyImg.GetAttribute("loading"));
        Assert.Equal(("900", "600"), (bodyImg.GetAttribute("width"), bodyImg.GetAttribute("height")));
        Assert.Equal(["480w", "800w", "900w"], body.QuerySelector("source")!.GetAttribute("srcset")!.Split(", ").Select(c => c.Split(' ')[1]));
        Assert.Equal("Blick vom Ufer aus", body.QuerySelector("figcaption")!.TextContent);
        Assert.Empty(page.QuerySelectorAll(".article__body p img"));
    }

    [Fact]
    public async Task Sharing_NamesALargeAbsoluteImage_AndJsonLdTheThreeCrops()
    {
        await using var site = Site();

        var (_, page) = await site.GetPageAsync("/artikel/neue-bruecke-ueber-den-rhein");

        string Meta(string selector) => page.QuerySelector(selector)!.GetAttribute("content")!;
        var image = new Uri(Meta("meta[property='og:image']"));
        Assert.True(image.IsAbsoluteUri);
        Assert.Equal("nachrichten.example", image.Host);
        Assert.True(int.Parse(Meta("meta[property='og:image:width']"), System.Globalization.CultureInfo.InvariantCulture) >= 1200);
        Assert.Equal("675", Meta("meta[property='og:image:height']"));
        Assert.Equal("Eine Brücke im Abendlicht", Meta("meta[property='og:image:alt']"));
        Assert.Equal("summary_large_image", Meta("meta[name='twitter:card']"));

        using var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var crops = jsonLd.RootElement.GetProperty("image").EnumerateArray()
            .Select(i => (Url: i.GetProperty("url").GetString()!, Width: i.GetProperty("width").GetInt32(), Height: i.GetProperty("height").GetInt32()))
            .ToList();
        Assert.Equal([(1200, 675), (1200, 900), (1200, 1200)], crops.Select(c => (c.Width, c.Height)));
        Assert.Equal(image.AbsoluteUri, crops[0].Url);

        // Each crop is really there at its size: a JPEG, made on its first request.
        using var client = site.CreateClient();
        foreach (var crop in crops)
        {
            var response = await client.GetAsync(new Uri(new Uri(crop.Url).PathAndQuery, UriKind.Relative), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal((crop.Width, crop.Height), TestPictures.Size(await response.Content.ReadAsByteArrayAsync(Token)));
        }

        var (_, plain) = await site.GetPageAsync("/artikel/ohne-bild");
        Assert.Null(plain.QuerySelector("meta[property='og:image']"));
        Assert.Equal("summary", plain.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task Variants_AreServedWithTheirTypeAndAYearLongCache_AndOnlyTheOffered()
    {
        await using var site = Site();
        var (_, page) = await site.GetPageAsync("/artikel/neue-bruecke-ueber-den-rhein");
        var webp = page.QuerySelector("figure.lead-figure source")!.GetAttribute("srcset")!.Split(", ")[0].Split(' ')[0];
        var jpeg = page.QuerySelector("figure.lead-figure img")!.GetAttribute("src")!;
        using var client = site.CreateClient();

        foreach (var (url, type, width) in new[] { (webp, "image/webp", 480), (jpeg, "image/jpeg", 800) })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var bytes = await response.Content.ReadAsByteArrayAsync(Token);
            Assert.Equal(width, TestPictures.Size(bytes).Width);
            Assert.Empty(TestPictures.MetadataFields(bytes));
        }

        // A width nobody offered, an upscale, a crop as WebP, an unknown picture: nothing is made.
        var hash = webp["/bilder/".Length..][..32];
        foreach (var refused in new[] { $"/bilder/{hash}-700.jpg", $"/bilder/{hash}-4000.jpg", $"/bilder/{hash}-1x1.webp", $"/bilder/{new string('0', 32)}-480.jpg" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(refused, UriKind.Relative), Token)).StatusCode);
        }
    }

    [Fact]
    public async Task Listings_ShowTeaserPictures_OnHomeTagAuthorRessortAndSearch()
    {
        await using var site = Site();

        foreach (var path in new[] { "/", "/thema/koeln", "/autor/lea-graf", "/suche?q=Br%C3%BCcke" })
        {
            var (response, page) = await site.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var teasers = page.QuerySelectorAll("article.teaser").ToList();
            var teaser = teasers.First(t => t.TextContent.Contains("Neue Brücke", StringComparison.Ordinal));
            var img = teaser.QuerySelector<IHtmlImageElement>(".teaser__picture picture img")!;
            Assert.Equal("Eine Brücke im Abendlicht", img.AlternativeText);

            // Lazy below the fold; the lead story of a listing's page 1 is the first thing seen, fetched at once and
            // at the page's width (search hits have no lead).
            var isLead = teaser == teasers[0] && !path.StartsWith("/suche", StringComparison.Ordinal);
            Assert.Equal(("2000", "1250", isLead ? null : "lazy", isLead ? "high" : null),
                (img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("loading"), img.GetAttribute("fetchpriority")));
            Assert.Contains(isLead ? "61.5rem" : "29.5rem", teaser.QuerySelector(".teaser__picture source")!.GetAttribute("sizes"), StringComparison.Ordinal);
            Assert.NotNull(teaser.QuerySelector(".teaser__picture source[type='image/webp']"));
        }

        // A Ressort's lead story stands above its grid, with its picture.
        var (_, ressort) = await site.GetPageAsync("/ressort/regional");
        var leadImg = ressort.QuerySelector<IHtmlImageElement>(".ressort-lead .teaser__picture picture img")!;
        Assert.Equal(("Eine Brücke im Abendlicht", "high", null), (leadImg.AlternativeText, leadImg.GetAttribute("fetchpriority"), leadImg.GetAttribute("loading")));

        var (_, home) = await site.GetPageAsync("/");
        Assert.Null(home.QuerySelectorAll("article.teaser").First(t => t.TextContent.Contains("Ohne Bild", StringComparison.Ordinal))
            .QuerySelector(".teaser__picture"));
    }

    [Fact]
    public async Task Feeds_CarryThePictureAndItsCredit()
    {
        await using var site = Site();
        using var client = site.CreateClient();
        XNamespace media = "http://search.yahoo.com/mrss/";

        var rss = XDocument.Parse(await client.GetStringAsync(new Uri("/rss.xml", UriKind.Relative), Token));
        var item = rss.Descendants("item").First(i => i.Element("title")!.Value == "Neue Brücke über den Rhein");
        var content = item.Element(media + "content")!;
        Assert.Matches(@"^https://nachrichten\.example/bilder/[0-9a-f]{32}-1200\.jpg$", content.Attribute("url")!.Value);
        Assert.Equal(("image/jpeg", "1200", "750"), (content.Attribute("type")!.Value, content.Attribute("width")!.Value, content.Attribute("height")!.Value));
        Assert.Equal("Erika Muster", content.Element(media + "credit")!.Value);
        Assert.Equal("Die neue Brücke am Eröffnungstag", content.Element(media + "description")!.Value);

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await client.GetStringAsync(new Uri("/atom.xml", UriKind.Relative), Token));
        var entry = feed.Descendants(atom + "entry").First(e => e.Element(atom + "title")!.Value == "Neue Brücke über den Rhein");
        Assert.Equal(content.Attribute("url")!.Value, entry.Elements(atom + "link").Single(l => (string?)l.Attribute("rel") == "enclosure").Attribute("href")!.Value);
        Assert.Equal("Erika Muster", entry.Element(media + "content")!.Element(media + "credit")!.Value);

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/feed.json", UriKind.Relative), Token));
        var jsonItem = json.RootElement.GetProperty("items").EnumerateArray().First(i => i.GetProperty("title").GetString() == "Neue Brücke über den Rhein");
        Assert.Equal(content.Attribute("url")!.Value, jsonItem.GetProperty("image").GetString());
        Assert.Equal("Erika Muster", jsonItem.GetProperty("_newssite").GetProperty("image_credit").GetString());

        // The picture the feeds name is there.
        var picture = await client.GetAsync(new Uri(new Uri(content.Attribute("url")!.Value).PathAndQuery, UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
    }
}
