using System.Diagnostics;
using System.Text.Json;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Syndication;

/// <summary>
/// The checks docs/feeds.md names, run by the tests: libxml2's xmllint and Debian's python3-feedparser (the parser
/// behind many feed readers) on what the site serves. .ci/run installs both; without them these tests fail rather
/// than pass silently.
/// </summary>
public class ExternalFeedCheckTests(SeededSite site) : IClassFixture<SeededSite>
{
    private const string FeedParser =
        """
        import json, sys, feedparser
        d = feedparser.parse(sys.argv[1])
        print(json.dumps({"bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version,
                          "title": d.feed.get("title"), "entries": [e.get("title") for e in d.entries],
                          "links": [e.get("link") for e in d.entries], "dated": all(e.get("published_parsed") for e in d.entries),
                          "authors": [e.get("author") for e in d.entries]}))
        """;

    private static async Task<string> SaveAsync(byte[] bytes, string name)
    {
        var path = Path.Combine(Repository.NewTempDirectory(), name);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return path;
    }

    [Theory]
    [InlineData("/rss.xml")]
    [InlineData("/atom.xml")]
    [InlineData("/thema/koeln/rss.xml")]
    [InlineData("/autor/anna-berger/atom.xml")]
    [InlineData("/ressort/ausland/rss.xml")]
    [InlineData("/ressort/ausland/atom.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/sitemaps/seiten-1.xml")]
    [InlineData("/sitemaps/artikel-1.xml")]
    [InlineData("/sitemap-news.xml")]
    public async Task Xmllint_FindsNoError(string path)
    {
        using var response = await site.SendAsync(path);
        var file = await SaveAsync(await response.BytesAsync(), "antwort.xml");

        var (exitCode, output, errors) = await AppProcess.RunAsync(
            new ProcessStartInfo("xmllint") { ArgumentList = { "--noout", file } }, TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0 && errors.Length == 0, $"xmllint {path}: {output}{errors}");
    }

    [Theory]
    [InlineData("/rss.xml", "rss20", "NewsSite")]
    [InlineData("/atom.xml", "atom10", "NewsSite")]
    [InlineData("/thema/koeln/atom.xml", "atom10", "Köln – NewsSite")]
    [InlineData("/autor/anna-berger/rss.xml", "rss20", "Anna Berger – NewsSite")]
    [InlineData("/ressort/ausland/atom.xml", "atom10", "Ausland – NewsSite")]
    public async Task Feedparser_ReadsTheFeedWithoutItsBozoFlag(string path, string version, string title)
    {
        using var response = await site.SendAsync(path);
        var file = await SaveAsync(await response.BytesAsync(), "feed.xml");

        var (exitCode, output, errors) = await AppProcess.RunAsync(
            new ProcessStartInfo("/usr/bin/python3") { ArgumentList = { "-c", FeedParser, file } }, TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, $"python3-feedparser: {output}{errors}");
        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        Assert.False(root.GetProperty("bozo").GetBoolean(), root.GetProperty("error").GetString());
        Assert.Equal(version, root.GetProperty("version").GetString());
        Assert.Equal(title, root.GetProperty("title").GetString());
        Assert.True(root.GetProperty("dated").GetBoolean());
        var feed = FeedResponses.LoadFeed(await response.BytesAsync());
        Assert.Equal(feed.Items.Select(i => i.Title.Text), root.GetProperty("entries").EnumerateArray().Select(e => e.GetString()));
        Assert.All(root.GetProperty("links").EnumerateArray(), l => Assert.StartsWith("https://nachrichten.example/artikel/", l.GetString(), StringComparison.Ordinal));
        Assert.All(root.GetProperty("authors").EnumerateArray(), a => Assert.False(string.IsNullOrEmpty(a.GetString())));
    }

    [Theory]
    [InlineData("/rss.xml")]
    [InlineData("/atom.xml")]
    public async Task Feedparser_ReadsACorrectedArticlesUpdateDate_AndItsCorrection(string path)
    {
        const string Updates =
            """
            import json, sys, calendar, feedparser
            d = feedparser.parse(sys.argv[1])
            print(json.dumps({e.get("link"): [calendar.timegm(e.updated_parsed) if e.get("updated_parsed") else None,
                                              calendar.timegm(e.published_parsed),
                                              "".join(c.get("value", "") for c in e.get("content", []))] for e in d.entries}))
            """;
        using var response = await site.SendAsync(path);
        var file = await SaveAsync(await response.BytesAsync(), "feed.xml");

        var (exitCode, output, errors) = await AppProcess.RunAsync(
            new ProcessStartInfo("/usr/bin/python3") { ArgumentList = { "-c", Updates, file } }, TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, $"python3-feedparser: {output}{errors}");
        using var result = JsonDocument.Parse(output);
        var corrected = result.RootElement.GetProperty($"https://nachrichten.example/artikel/{SeededSite.CorrectedSlug}");
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 10, 20, 0, TimeSpan.Zero).ToUnixTimeSeconds(), corrected[0].GetInt64());
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 5, 50, 0, TimeSpan.Zero).ToUnixTimeSeconds(), corrected[1].GetInt64());
        Assert.Contains("Korrektur (3. März 2025, 11:20 Uhr):", corrected[2].GetString(), StringComparison.Ordinal);
    }
}
