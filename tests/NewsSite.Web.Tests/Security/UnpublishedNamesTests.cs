using System.Net;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// A tag or an author that only drafts, scheduled or trashed articles carry must not be confirmable by guessing its
/// address: an embargoed topic ("Fusion Müller AG") or the byline of an unannounced hire. Everywhere a reader can ask,
/// such a name answers exactly like one that does not exist.
/// </summary>
public class UnpublishedNamesTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Article(string title, string date, string tags, string author, string extra = "") =>
        $"---\ntitle: \"{title}\"\nauthor: \"{author}\"\ndate: {date}\ntags: {tags}\n{extra}---\n\nText zu {title}.\n";

    // Each hidden name is carried by a draft and by a scheduled article; the published one carries neither.
    private static string Content() => NewsSiteFactory.ContentFolder(
        ("sichtbar.md", Article("Sichtbar", "2025-05-01T10:00:00Z", "[Köln]", "Anna Berger")),
        ("entwurf.md", Article("Entwurf", "2025-05-02T10:00:00Z", "[Köln, Fusion Müller]", "Vera Verborgen", "draft: true\n")),
        ("geplant.md", Article("Geplant", "2025-06-02T10:00:00Z", "[Fusion Müller]", "Vera Verborgen")));

    public static TheoryData<string> HiddenAddresses() =>
    [
        "/thema/fusion-mueller", "/thema/fusion-mueller?seite=2", "/thema/fusion-mueller/rss.xml",
        "/thema/fusion-mueller/atom.xml", "/thema/fusion-mueller/feed.json",
        "/autor/vera-verborgen", "/autor/vera-verborgen?seite=2", "/autor/vera-verborgen/rss.xml",
        "/autor/vera-verborgen/atom.xml", "/autor/vera-verborgen/feed.json",
    ];

    [Theory]
    [MemberData(nameof(HiddenAddresses))]
    public async Task ATagOrAuthorOnUnpublishedArticlesOnly_Is404_LikeAnUnknownName(string path)
    {
        await using var site = new NewsSiteFactory(Content(), clock: new TestClock(Now));
        var unknown = path.Replace("fusion-mueller", "gibt-es-nicht", StringComparison.Ordinal)
            .Replace("vera-verborgen", "gibt-es-nicht", StringComparison.Ordinal);

        using var hidden = await site.CreateClient().GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        using var none = await site.CreateClient().GetAsync(new Uri(unknown, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(none.StatusCode, hidden.StatusCode);
        Assert.Equal(none.Content.Headers.ContentType?.MediaType, hidden.Content.Headers.ContentType?.MediaType);
        var body = await hidden.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Fusion", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Verborgen", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HiddenNames_AreInNoListingSitemapOrFeed()
    {
        await using var site = new NewsSiteFactory(Content(), clock: new TestClock(Now));

        foreach (var path in new[] { "/themen", "/sitemaps/seiten-1.xml", "/rss.xml", "/feed.json", "/thema/koeln", "/" })
        {
            using var response = await site.CreateClient().GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("fusion-mueller", body, StringComparison.Ordinal);
            Assert.DoesNotContain("vera-verborgen", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OnceItsFirstArticleIsDue_TheNameHasItsPageAndFeeds()
    {
        var clock = new TestClock(Now);
        await using var site = new NewsSiteFactory(Content(), clock: clock);
        var (before, _) = await site.GetPageAsync("/thema/fusion-mueller");

        clock.Now = new DateTimeOffset(2025, 6, 2, 10, 0, 0, TimeSpan.Zero);
        var (tag, tagPage) = await site.GetPageAsync("/thema/fusion-mueller");
        var (author, authorPage) = await site.GetPageAsync("/autor/vera-verborgen");
        using var feed = await site.CreateClient().GetAsync(new Uri("/autor/vera-verborgen/rss.xml", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (tag.StatusCode, author.StatusCode, feed.StatusCode));
        Assert.Equal(["Geplant"], tagPage.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));
        Assert.Equal(["Geplant"], authorPage.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));
    }
}
