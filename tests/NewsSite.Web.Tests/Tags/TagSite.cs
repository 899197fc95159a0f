using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Tags;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Tags;

/// <summary>
/// A small site of its own for the tag admin tests, as an import from another system leaves it: "Köln" (imported
/// first, so at /thema/koeln) and its transliteration "Koeln" (at /thema/koeln-2) side by side, one article with both,
/// a draft with "Koeln", "Flughafen" to rename, and an article by another author sharing no tag with any of them.
/// </summary>
public static class TagSite
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static string Article(string slug, string title, string tags, string date, string author = "Erika Muster", bool draft = false) =>
        $"---\ntitle: {title}\nslug: {slug}\nauthor: {author}\ntags: [{tags}]\ndate: {date}\n" + (draft ? "draft: true\n" : "") +
        $"---\n\nText über {title}.\n";

    public static NewsSiteFactory Create() => new(Content(), clock: new TestClock(Now));

    /// <summary>A new folder with the site's articles.</summary>
    public static string Content() =>
        NewsSiteFactory.ContentFolder(
            ("01-rhein.md", Article("rhein", "Rhein", "Köln, Verkehr", "2025-05-01T10:00:00", author: "Max Weber")),
            ("02-dom.md", Article("dom", "Dom", "Koeln, Kirche", "2025-05-02T10:00:00")),
            ("03-zug.md", Article("zug", "Zug", "Verkehr, Koeln, Köln", "2025-05-03T10:00:00")),
            ("04-entwurf.md", Article("entwurf", "Entwurf", "Koeln", "2025-05-04T10:00:00", draft: true)),
            ("05-bahn.md", Article("bahn", "Bahn", "Flughafen", "2025-05-05T10:00:00", author: "Max Weber")),
            ("06-fremd.md", Article("fremd", "Fremd", "Kultur", "2025-05-06T10:00:00", author: "Lena Schmidt")));

    public static async Task<TagSummary> TagAsync(NewsSiteFactory site, string name) =>
        (await AllAsync(site)).Single(t => t.Name == name);

    public static async Task<IReadOnlyList<TagSummary>> AllAsync(NewsSiteFactory site) =>
        await site.Services.GetRequiredService<ITagStore>().ListAsync(Now, Token);

    /// <summary>The tags the article's page links, as readers see them.</summary>
    public static async Task<List<string>> TagsOnPageAsync(NewsSiteFactory site, string slug) =>
        [.. (await site.GetPageAsync($"/artikel/{slug}")).Document.QuerySelectorAll("a[rel=tag]").Select(a => a.TextContent.Trim())];
}
