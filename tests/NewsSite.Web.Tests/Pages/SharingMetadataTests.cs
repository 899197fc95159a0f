using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Tags;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

/// <summary>What link previews and search engines read from a page's head.</summary>
public class SharingMetadataTests(SeededSite site) : IClassFixture<SeededSite>
{
    private const string Base = "https://nachrichten.example";
    private const string KremlPath = "/artikel/" + SeededSite.SeedSlug;

    private static string? Meta(IDocument page, string property) =>
        page.QuerySelector($"meta[property='{property}'], meta[name='{property}']")?.GetAttribute("content");

    [Fact]
    public async Task Article_HasCanonicalDescriptionOpenGraphAndTwitterTags()
    {
        var (_, page) = await site.GetPageAsync(KremlPath);

        Assert.Equal(Base + KremlPath, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        var summary = Meta(page, "description")!;
        Assert.StartsWith("Russland hat den von den USA vorgeschlagenen Waffenstillstand abgelehnt", summary, StringComparison.Ordinal);
        Assert.Equal("article", Meta(page, "og:type"));
        Assert.Equal("Kreml lehnt internationale Truppen in Ukraine strikt ab", Meta(page, "og:title"));
        Assert.Equal(summary, Meta(page, "og:description"));
        Assert.Equal(Base + KremlPath, Meta(page, "og:url"));
        Assert.Equal("NewsSite", Meta(page, "og:site_name"));
        Assert.Equal("de_DE", Meta(page, "og:locale"));
        Assert.Equal("2025-03-14T08:30:00Z", Meta(page, "article:published_time"));
        Assert.Equal("2025-03-14T08:30:00Z", Meta(page, "article:modified_time"));
        Assert.Equal(Base + "/autor/administrator", Meta(page, "article:author"));
        Assert.Equal(
            ["Russland", "Ukraine", "USA", "Waffenstillstand", "Diplomatie"],
            page.QuerySelectorAll("meta[property='article:tag']").Select(m => m.GetAttribute("content")));
        // The sample article has a lead picture (content/bilder/): the large card, and its 16:9 crop for the preview.
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
        Assert.Matches(@"^https://nachrichten\.example/bilder/[0-9a-f]{32}-16x9\.jpg$", Meta(page, "og:image"));
        Assert.Equal("1200", Meta(page, "og:image:width"));
        Assert.Equal("Kreml lehnt internationale Truppen in Ukraine strikt ab", Meta(page, "twitter:title"));
        Assert.Equal(summary, Meta(page, "twitter:description"));
        Assert.Single(page.QuerySelectorAll("meta[property='og:type']"));
    }

    [Fact]
    public async Task Article_HasNewsArticleJsonLdWithTheRequiredFields()
    {
        var (_, page) = await site.GetPageAsync(KremlPath);

        // The NewsArticle first, then the BreadcrumbList of its Ressort.
        var scripts = page.QuerySelectorAll("script[type='application/ld+json']");
        Assert.Equal(2, scripts.Length);
        using var json = JsonDocument.Parse(scripts[0].TextContent);
        var root = json.RootElement;
        Assert.Equal("https://schema.org", root.GetProperty("@context").GetString());
        Assert.Equal("Ausland", root.GetProperty("articleSection").GetString());
        using var breadcrumb = JsonDocument.Parse(scripts[1].TextContent);
        Assert.Equal("BreadcrumbList", breadcrumb.RootElement.GetProperty("@type").GetString());
        Assert.Equal("NewsArticle", root.GetProperty("@type").GetString());
        Assert.Equal("Kreml lehnt internationale Truppen in Ukraine strikt ab", root.GetProperty("headline").GetString());
        Assert.Equal("2025-03-14T08:30:00Z", root.GetProperty("datePublished").GetString());
        Assert.Equal("2025-03-14T08:30:00Z", root.GetProperty("dateModified").GetString());
        var author = root.GetProperty("author")[0];
        Assert.Equal("Person", author.GetProperty("@type").GetString());
        Assert.Equal("administrator", author.GetProperty("name").GetString());
        Assert.Equal(Base + "/autor/administrator", author.GetProperty("url").GetString());
        Assert.Equal("NewsSite", root.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal(Base + "/", root.GetProperty("publisher").GetProperty("url").GetString());
        Assert.Equal(Base + KremlPath, root.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal(["Russland", "Ukraine", "USA", "Waffenstillstand", "Diplomatie"], root.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task ListingPages_HaveCanonicalWithTheirPageNumber_AndAreWebsites()
    {
        var (_, home) = await site.GetPageAsync("/");
        var (_, tag) = await site.GetPageAsync("/thema/koeln");
        var (_, author) = await site.GetPageAsync("/autor/anna-berger");

        Assert.Equal(Base + "/", home.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(Base + "/thema/koeln", tag.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(Base + "/autor/anna-berger", author.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.All([home, tag, author], page => Assert.Equal("website", Meta(page, "og:type")));
        Assert.Empty(home.QuerySelectorAll("script[type='application/ld+json']"));
    }

    [Fact]
    public async Task UpdatedArticle_HasTheUpdateAsModifiedTime()
    {
        var content = NewsSiteFactory.ContentFolder(("a.md",
            "---\ntitle: Geändert\nauthor: Anna Berger\ndate: 2025-05-01T10:00:00\nupdated: 2025-05-02T12:30:00\n---\n\nText.\n"));
        await using var own = new NewsSiteFactory(content);

        var (_, page) = await own.GetPageAsync("/artikel/geaendert");

        Assert.Equal("2025-05-01T08:00:00Z", Meta(page, "article:published_time"));
        Assert.Equal("2025-05-02T10:30:00Z", Meta(page, "article:modified_time"));
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("2025-05-02T10:30:00Z", json.RootElement.GetProperty("dateModified").GetString());
    }

    [Fact]
    public async Task HostileTitle_CannotLeaveTheJsonLdScriptOrTheAttributes()
    {
        const string title = "</script><script>alert(1)</script> \"Zitat\" & 'x' <!--";
        await using var own = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using (await own.SendAsync("/"))
        {
        }

        var articles = own.Services.GetRequiredService<SiteStorage>();
        await articles.Articles.CreateAsync(
            new ArticleContent(title, "boese", "Mallory\"><script>", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), null,
                [TagName.TryCreate("x\"><b>")!], "Zusammenfassung </script>", false, "<p>Text</p>", "# x", "hash"),
            new ArticleOrigin(RevisionOrigin.Editor, "test", null), TestContext.Current.CancellationToken);

        var (response, page) = await own.GetPageAsync("/artikel/boese");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Single(page.QuerySelectorAll("script"));
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal(title, json.RootElement.GetProperty("headline").GetString());
        Assert.Equal("Mallory\"><script>", json.RootElement.GetProperty("author")[0].GetProperty("name").GetString());
        Assert.Equal(title, Meta(page, "og:title"));
        Assert.Equal("x\"><b>", Meta(page, "article:tag"));
    }
}
