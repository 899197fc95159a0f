using System.Net;
using AngleSharp.Dom;
using NewsSite.Web.Pages.Tags;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

public class TagOverviewTests(SeededSite site) : IClassFixture<SeededSite>
{
    private static string Article(string title, string tags, string extra = "") =>
        $"---\ntitle: \"{title}\"\ndate: 2025-03-01T10:00:00\ntags: {tags}\n{extra}\n---\n\nText.\n";

    private static IEnumerable<string> Entries(IDocument page) =>
        page.QuerySelectorAll(".tag-group__tags li").Select(li => li.TextContent.Trim());

    [Fact]
    public async Task Overview_ListsEveryTagWithItsCount_InGermanOrder()
    {
        var (response, page) = await site.GetPageAsync("/themen");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Alle Themen – NewsSite", page.Title);
        Assert.Equal("https://nachrichten.example/themen", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(
            ["Deutschland 2 Artikel", "Diplomatie 3 Artikel", "Energie 2 Artikel", "EU 2 Artikel", "Geschichte 1 Artikel",
             "Köln 2 Artikel", "Kultur 1 Artikel", "NATO 1 Artikel", "Naturschutz 1 Artikel", "Russland 3 Artikel",
             "Schwarzwald 1 Artikel", "Ukraine 3 Artikel", "USA 2 Artikel", "Verkehr 2 Artikel", "Verteidigung 1 Artikel",
             "Waffenstillstand 1 Artikel", "Wirtschaft 1 Artikel"],
            Entries(page));
        Assert.Equal("/thema/koeln", page.QuerySelectorAll(".tag-group__tags a").Single(a => a.TextContent == "Köln").GetAttribute("href"));
    }

    [Fact]
    public async Task EveryTagLink_LeadsToATagPageWithThatManyArticles()
    {
        var (_, overview) = await site.GetPageAsync("/themen");

        foreach (var entry in overview.QuerySelectorAll(".tag-group__tags li"))
        {
            var (response, tagPage) = await site.GetPageAsync(entry.QuerySelector("a")!.GetAttribute("href")!);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(entry.QuerySelector(".tag-group__count")!.TextContent, $"{tagPage.QuerySelectorAll(".teaser").Length} Artikel");
        }
    }

    [Fact]
    public async Task Tags_AreGroupedUnderTheirInitial_UmlautsWithTheirVowel()
    {
        var content = NewsSiteFactory.ContentFolder(
            ("a.md", Article("Eins", "[Zoll, Ärzte, Apfel]")),
            ("b.md", Article("Zwei", "[Élysée, Öl, Ostsee, \"2025\"]")),
            ("c.md", Article("Drei", "[ärzte]")));
        await using var own = new NewsSiteFactory(content);

        var (_, page) = await own.GetPageAsync("/themen");

        var groups = page.QuerySelectorAll("section.tag-group")
            .Select(g => $"{g.QuerySelector("h2")!.TextContent}: {string.Join(", ", g.QuerySelectorAll(".tag-group__tags a").Select(a => a.TextContent))}");
        Assert.Equal(["0–9: 2025", "A: Apfel, Ärzte", "E: Élysée", "O: Öl, Ostsee", "Z: Zoll"], groups);
        Assert.Equal(["#buchstabe-ziffern", "#buchstabe-a", "#buchstabe-e", "#buchstabe-o", "#buchstabe-z"],
            page.QuerySelectorAll(".tag-initials a").Select(a => a.GetAttribute("href")));
        Assert.All(page.QuerySelectorAll(".tag-initials a"), a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")![1..])));
        Assert.Equal("Ärzte 2 Artikel", Entries(page).ElementAt(2));
    }

    [Theory]
    [InlineData("Ärzte", "A")]
    [InlineData("élysée", "E")]
    [InlineData("ßtraße", "S")]
    [InlineData("2025", "0–9")]
    [InlineData("#MeToo", "#")]
    [InlineData("„Zitat“", "#")]
    public void Initial_IsTheBaseLetter(string name, string initial)
    {
        Assert.Equal(initial, TagOverviewModel.InitialOf(name));
    }

    [Fact]
    public async Task TagsOfDraftsAndScheduledArticles_AreNotListed_NorCounted()
    {
        var clock = new TestClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var content = NewsSiteFactory.ContentFolder(
            ("a.md", Article("Sichtbar", "[Köln]")),
            ("b.md", Article("Entwurf", "[Köln, Geheim]", "draft: true")),
            ("c.md", $"---\ntitle: Später\ndate: 2025-07-01T10:00:00\ntags: [Zukunft, Köln]\n---\n\nText.\n"));
        await using var own = new NewsSiteFactory(content, clock: clock);

        Assert.Equal(["Köln 1 Artikel"], Entries((await own.GetPageAsync("/themen")).Document));
    }

    [Fact]
    public async Task TagNamesWithMarkup_AreShownAsText()
    {
        await using var own = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("a.md", Article("Eins", "[\"<b>fett</b>\"]"))));

        var (_, page) = await own.GetPageAsync("/themen");

        Assert.Empty(page.QuerySelectorAll("main b"));
        Assert.Equal("<b>fett</b>", page.QuerySelector(".tag-group__tags a")!.TextContent);
    }

    [Fact]
    public async Task WithoutTags_TheOverviewSaysSo()
    {
        await using var own = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("a.md", Article("Eins", "[]"))));

        var (response, page) = await own.GetPageAsync("/themen");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Noch keine Themen", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagPage_LinksToAllTopics()
    {
        var (_, tagPage) = await site.GetPageAsync("/thema/koeln");

        var link = tagPage.QuerySelector("main a.all-tags")!;

        Assert.Equal(("Alle Themen", "/themen"), (link.TextContent, link.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync(link.GetAttribute("href")!)).Response.StatusCode);
    }
}
