using System.Net;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// The Host header is the client's to choose. The site answers only to its own host (from NewsSite:BaseUrl) and the
/// loopback names; and even where an operator opens it to every host, no redirect ever names the forged one.
/// </summary>
public class ForgedHostTests
{
    private const string Evil = "evil.example";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Content() => NewsSiteFactory.ContentFolder(
        ("eins.md", "---\ntitle: Eins\nauthor: Anna Berger\ndate: 2025-03-01T10:00:00\ntags: [Köln]\n---\n\nText.\n"));

    [Theory]
    [InlineData("/")]
    [InlineData("/artikel/eins")]
    [InlineData("/rss.xml")]
    [InlineData("/admin")]
    [InlineData("/admin/anmelden")]
    [InlineData("/gibt-es-nicht")]
    public async Task ForgedHost_GetsAGerman400_WithTheSecurityHeaders(string path)
    {
        await using var site = new NewsSiteFactory(Content());

        using var forged = await site.SendAsync(path, null, ("Host", Evil));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(forged.Headers.Location);
        Assert.Contains("gehört nicht zu dieser Website", await forged.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.NotEmpty(forged.Headers.GetValues("Content-Security-Policy"));
    }

    [Theory]
    [InlineData("nachrichten.example")] // BaseUrl's host, whatever the port the proxy used
    [InlineData("NACHRICHTEN.example:8443")]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]")]
    public async Task TheSitesOwnHost_AndLoopbackNames_AreAnswered(string host)
    {
        await using var site = new NewsSiteFactory(Content());

        using var response = await site.SendAsync("/artikel/eins", null, ("Host", host));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthProbes_AnswerWhateverTheHost()
    {
        // An orchestrator probes by the container's own address, which no setting can name in advance.
        await using var site = new NewsSiteFactory(Content());

        using var live = await site.SendAsync("/healthz", null, ("Host", "10.1.2.3:8080"));
        using var ready = await site.SendAsync("/healthz/ready", null, ("Host", "10.1.2.3:8080"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (live.StatusCode, ready.StatusCode));
    }

    [Fact]
    public async Task AllowedHostsSetting_NamesTheHostsInstead()
    {
        await using var site = new NewsSiteFactory(Content())
        {
            Settings = new Dictionary<string, string?> { ["AllowedHosts"] = "www.zeitung.example;*.zeitung.example" },
        };

        using var named = await site.SendAsync("/", null, ("Host", "www.zeitung.example"));
        using var sub = await site.SendAsync("/", null, ("Host", "mobil.zeitung.example"));
        using var baseHost = await site.SendAsync("/", null, ("Host", "nachrichten.example"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (named.StatusCode, sub.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, baseHost.StatusCode);
    }

    /// <summary>
    /// Every redirect the site gives, with the host check opened ("AllowedHosts": "*"): the login redirect (which the
    /// framework builds absolute from the Host header), the archive's and an article's permanent redirects, login,
    /// logout and the editor's save. Each Location is a path, never an address on the forged host.
    /// </summary>
    [Fact]
    public async Task ForgedHost_NeverReachesARedirect_EvenWithEveryHostAllowed()
    {
        await using var site = new NewsSiteFactory(Content()) { Settings = new Dictionary<string, string?> { ["AllowedHosts"] = "*" } };
        var locations = new List<string>();

        foreach (var path in new[] { "/admin", "/admin/artikel/neu", "/admin/konto?x=1", "/archiv/2025/3" })
        {
            using var response = await site.SendAsync(path, null, ("Host", Evil));
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently, path);
            locations.Add(response.Headers.Location!.OriginalString);
        }

        using var editor = new AdminClient(site);
        editor.Http.DefaultRequestHeaders.Host = Evil;
        await AdminClient.EnsureAccountAsync(site, "anna");
        var (login, _) = await editor.SubmitAsync("/admin/anmelden?returnUrl=%2Fadmin%2Fkonto", "form",
            new() { ["name"] = "anna", ["password"] = AdminClient.Password });
        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", "form#editor",
            EditorSource.Form("---\ntitle: \"Umzug\"\nauthor: Anna\ntags: [Köln]\n---\n\nText.\n"), "Veröffentlichen");
        var editUrl = saved.Headers.Location!.OriginalString;
        var (moved, _) = await editor.SubmitAsync(editUrl, "form#editor", new() { ["Fields.Slug"] = "neue-adresse" }, "Änderungen veröffentlichen");
        using var oldAddress = await site.SendAsync("/artikel/umzug", null, ("Host", Evil));
        var (logout, _) = await editor.SubmitAsync("/admin/abmelden", "form");
        locations.AddRange(new[] { login, saved, moved, oldAddress, logout }.Select(r => r.Headers.Location!.OriginalString));

        Assert.Equal(HttpStatusCode.MovedPermanently, oldAddress.StatusCode);
        Assert.Equal("/artikel/neue-adresse", oldAddress.Headers.Location!.OriginalString);
        Assert.Equal(9, locations.Count);
        Assert.All(locations, location =>
        {
            Assert.StartsWith("/", location, StringComparison.Ordinal);
            Assert.False(location.StartsWith("//", StringComparison.Ordinal), location);
            Assert.DoesNotContain(Evil, location, StringComparison.Ordinal);
        });
        Assert.Equal("/admin/anmelden?returnUrl=%2Fadmin%2Fkonto%3Fx%3D1", locations[2]);
    }
}
