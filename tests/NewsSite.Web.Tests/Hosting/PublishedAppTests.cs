using System.Diagnostics;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Data;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Hosting;

/// <summary>
/// The published app as an operator runs it: dotnet publish, then dotnet NewsSite.Web.dll from an unrelated folder,
/// with both folders given by environment variables and the address by --urls.
/// </summary>
[SqliteOnly]
public partial class PublishedAppTests
{
    [Fact]
    public async Task PublishedApp_StartedFromAnotherFolder_ServesPagesStylesAndTheConfiguredContent()
    {
        var token = TestContext.Current.CancellationToken;
        var publish = Path.Combine(Repository.NewTempDirectory(), "publish");
        var (published, publishOutput, publishErrors) = await AppProcess.RunAsync(
            new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Repository.Root,
                ArgumentList = { "publish", "src/NewsSite.Web", "-c", "Release", "-o", publish, "--nologo" },
            },
            TimeSpan.FromMinutes(5));
        Assert.True(published == 0, publishOutput + publishErrors);

        var data = Path.Combine(Repository.NewTempDirectory(), "daten");
        var content = NewsSiteFactory.ContentFolder(("nur-hier.md", "---\ntitle: \"Nur in diesem Ordner\"\ndate: 2025-01-01\n---\n\nText.\n"));
        var environment = new Dictionary<string, string>
        {
            ["NewsSite__DataDirectory"] = data,
            ["NewsSite__ContentDirectory"] = content,
            ["NewsSite__BaseUrl"] = "https://nachrichten.example",
        };

        // The README's first step on a server: an account, its password piped in on one line.
        var (added, addOutput, addErrors) = await AppProcess.RunAsync(
            AppProcess.App(publish, Repository.NewTempDirectory(), environment, "user", "add", "redakteurin", "--role", "admin"),
            TimeSpan.FromMinutes(1),
            input: "ein-sehr-geheimes-passwort\n");
        Assert.True(added == 0, addOutput + addErrors);
        Assert.Contains("Konto „redakteurin“ (admin) angelegt", addOutput, StringComparison.Ordinal);

        var start = AppProcess.App(publish, Repository.NewTempDirectory(), environment, "--urls", "http://127.0.0.1:0");

        using var server = AppProcess.Start(start);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            string? address = null;
            while (address is null && await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                address = ListeningOn().Match(line) is { Success: true } match ? match.Groups[1].Value : null;
            }

            Assert.NotNull(address);
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            var home = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(new Uri("/", UriKind.Relative), token), token);
            Assert.Equal(["Nur in diesem Ordner"], home.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));

            var stylesheet = home.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).Single(h => h.StartsWith("/css/site.", StringComparison.Ordinal));
            using var css = await client.GetAsync(new Uri(stylesheet, UriKind.Relative), token);
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
            Assert.Contains(".article__title", await css.Content.ReadAsStringAsync(token), StringComparison.Ordinal);

            // Fingerprinted, so kept for a year; and compressed once, at publish time.
            Assert.Matches(@"^/css/site\.[a-z0-9]{10}\.css$", stylesheet);
            Assert.Equal("max-age=31536000, immutable", css.Headers.CacheControl?.ToString());
            using var brotliRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(stylesheet, UriKind.Relative));
            brotliRequest.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
            using var brotliCss = await client.SendAsync(brotliRequest, token);
            Assert.Equal("br", brotliCss.Content.Headers.ContentEncoding.Single());
            using var page = await client.GetAsync(new Uri("/", UriKind.Relative), token);
            Assert.Equal("public, no-cache", page.Headers.CacheControl?.ToString());

            Assert.True(File.Exists(Path.Combine(data, SqliteDatabase.FileName)));

            // The account made by the command logs in to the served site.
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
            var loginPage = await new HtmlParser().ParseDocumentAsync(
                await browser.GetStringAsync(new Uri("/admin/anmelden", UriKind.Relative), token), token);
            using var credentials = new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", loginPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
                new("name", "redakteurin"),
                new("password", "ein-sehr-geheimes-passwort"),
            ]);
            using var login = await browser.PostAsync(new Uri("/admin/anmelden", UriKind.Relative), credentials, token);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal("/admin", login.Headers.Location!.OriginalString);
            Assert.False(File.Exists(Path.Combine(publish, "appsettings.Development.json")));
            Assert.True(File.Exists(Path.Combine(publish, "content", "kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab.md")));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(token);
            Directory.Delete(Path.GetDirectoryName(publish)!, recursive: true);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
