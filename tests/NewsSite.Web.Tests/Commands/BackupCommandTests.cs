using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Accounts;
using NewsSite.Core.Data;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Commands;

[SqliteOnly]
public class BackupCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string title) => $"---\ntitle: \"{title}\"\ndate: 2025-01-01\ntags: [Köln]\n---\n\nText über {title}.\n";

    private static Task<(int ExitCode, string Output)> Run(IServiceProvider services, params string[] args) =>
        OperatorCommands.RunAsync(services, args);

    /// <summary>
    /// The restored journal is older than what the running site has seen. Its cache must still let go of every page,
    /// including those the restore changed without any journal entry naming them.
    /// </summary>
    [Fact]
    public async Task Restore_WhileTheSiteRuns_ShowsTheRestoredContentOnceTheCacheCatchesUp()
    {
        var clock = new TestClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("alt.md", Article("Alt"))), clock: clock);
        var backup = Path.Combine(Repository.NewTempDirectory(), "sicherung.db");
        var (backupCode, backupOutput) = await Run(site.Services, "backup", backup);
        Assert.True(backupCode == 0, backupOutput);

        // After the backup: an article and a changed one, both in the cache.
        var parser = site.Services.GetRequiredService<ArticleParser>();
        var articles = site.Services.GetRequiredService<SiteStorage>();
        await articles.Articles.SaveAsync(parser.Parse("neu.md", Article("Neu")), ArticleOrigin.ImportedFile("neu.md"), cancellationToken: Token);
        await articles.Articles.SaveAsync(parser.Parse("alt.md", Article("Alt geändert").Replace("title: \"Alt geändert\"", "title: \"Alt geändert\"\nslug: alt", StringComparison.Ordinal)),
            ArticleOrigin.ImportedFile("alt.md"), cancellationToken: Token);
        Assert.Contains("/artikel/neu", (await site.GetPageAsync("/")).Document.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.True((await site.GetCachedPageAsync("/")).FromCache);
        await site.GetPageAsync("/thema/koeln");
        Assert.True((await site.GetCachedPageAsync("/thema/koeln")).FromCache);
        Assert.Equal("Alt geändert", (await site.GetPageAsync("/artikel/alt")).Document.QuerySelector("h1")!.TextContent.Trim());

        var (code, output) = await Run(site.Services, "restore", backup);

        Assert.True(code == 0, output);
        Assert.Contains("Die bisherige Datenbank ist gesichert in " + site.DataDirectory, output, StringComparison.Ordinal);

        // Another process's restore reaches the cache through the journal, checked about once a second.
        clock.Advance(TimeSpan.FromSeconds(2));
        var (home, homeDocument, homeFromCache) = await site.GetCachedPageAsync("/");
        Assert.False(homeFromCache);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.DoesNotContain("/artikel/neu", homeDocument.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/neu")).Response.StatusCode);
        Assert.Equal("Alt", (await site.GetPageAsync("/artikel/alt")).Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("/artikel/neu", (await site.GetPageAsync("/thema/koeln")).Document.Body!.InnerHtml, StringComparison.Ordinal);

        // The site keeps writing on the restored database, and its cache keeps following.
        await articles.Articles.SaveAsync(parser.Parse("danach.md", Article("Danach")), ArticleOrigin.ImportedFile("danach.md"), cancellationToken: Token);
        Assert.Contains("/artikel/danach", (await site.GetPageAsync("/")).Document.Body!.InnerHtml, StringComparison.Ordinal);
    }

    /// <summary>What a copied session cookie opens: the status of /admin for a client sending only it.</summary>
    private static async Task<HttpStatusCode> ReplayAsync(NewsSiteFactory site, string cookie)
    {
        using var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, Token);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> LoginStatusAsync(NewsSiteFactory site, string name, string password)
    {
        using var browser = new AdminClient(site);
        return (await browser.SubmitAsync("/admin/anmelden", "form", new() { ["name"] = name, ["password"] = password })).Response.StatusCode;
    }

    /// <summary>
    /// A site backed up, then a password changed and an account removed (what one does after a leak): restoring the
    /// backup brought back the old password, the removed account and the sessions of both. By default it keeps them
    /// as they are now, and says so.
    /// </summary>
    [Fact]
    public async Task Restore_AfterAPasswordChangeAndARemoval_KeepsBoth_AndNoSessionFromBeforeComesBack()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("alt.md", Article("Alt"))));
        using var anna = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);
        using var ben = await AdminClient.LoginAsync(site, "ben");
        var annaBefore = await anna.SessionCookieAsync();
        var benBefore = await ben.SessionCookieAsync();
        var backup = Path.Combine(Repository.NewTempDirectory(), "sicherung.db");
        Assert.Equal(0, (await Run(site.Services, "backup", backup)).ExitCode);

        const string newPassword = "nach-dem-leck-geaendert";
        await anna.SubmitAsync("/admin/konto", "main form", new() { ["current"] = AdminClient.Password, ["password"] = newPassword, ["repeat"] = newPassword });
        var (removed, _) = await anna.SubmitAsync("/admin/konten", "form:has(input[name='name'][value='ben'])[action='/admin/konten?handler=Remove']");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        var (code, output) = await Run(site.Services, "restore", backup);

        Assert.True(code == 0, output);
        Assert.Contains("Konten:       behalten wie vor der Wiederherstellung: anna (mit Passwörtern, Rollen und 1 Sitzungen)", output, StringComparison.Ordinal);
        Assert.Contains("aus der Sicherung nicht übernommen: ben", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(site, "anna", AdminClient.Password)); // the form again: refused
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(site, "ben", AdminClient.Password));
        Assert.Equal(HttpStatusCode.Redirect, await LoginStatusAsync(site, "anna", newPassword));
        Assert.Null(await site.Services.GetRequiredService<IUserStore>().FindByNameAsync("ben", Token));
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(site, annaBefore));
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(site, benBefore));

        // The session anna has now, started with the new password, goes on.
        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync("/admin")).Response.StatusCode);
    }

    [Fact]
    public async Task Restore_WithTheBackupsAccounts_BringsThemBack_ButEndsEverySession()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("alt.md", Article("Alt"))));
        using var anna = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);
        await AdminClient.EnsureAccountAsync(site, "ben");
        var annaBefore = await anna.SessionCookieAsync();
        var backup = Path.Combine(Repository.NewTempDirectory(), "sicherung.db");
        Assert.Equal(0, (await Run(site.Services, "backup", backup)).ExitCode);
        await site.Services.GetRequiredService<NewsSite.Web.Accounts.AccountService>().RemoveAsync("ben", Token);

        var (code, output) = await Run(site.Services, "restore", backup, "--accounts-from-backup");

        Assert.True(code == 0, output);
        Assert.Contains("Konten:       aus der Sicherung übernommen: anna, ben (mit ihren damaligen Passwörtern und Rollen", output, StringComparison.Ordinal);
        Assert.Contains("beendete Sitzungen: 1; alle melden sich neu an", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(site, annaBefore));
        Assert.Equal(HttpStatusCode.Redirect, (await anna.GetAsync("/admin")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await LoginStatusAsync(site, "ben", AdminClient.Password));
    }

    [Fact]
    public async Task Restore_OfAFileThatIsNoDatabase_ChangesNothing()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("alt.md", Article("Alt"))));
        var file = Path.Combine(Repository.NewTempDirectory(), "kaputt.db");
        await File.WriteAllTextAsync(file, "kein SQLite", Token);

        var (code, output) = await Run(site.Services, "restore", file);

        Assert.Equal(1, code);
        Assert.Contains("ist keine SQLite-Datenbank", output, StringComparison.Ordinal);
        Assert.Contains("Nichts wurde geändert.", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/alt")).Response.StatusCode);
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("backup", "a.db", "b.db")]
    [InlineData("restore")]
    [InlineData("restore", "--force")]
    [InlineData("export")]
    [InlineData("export", "a", "b")]
    public async Task WrongArguments_PrintTheUsage(params string[] args)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());

        var (exitCode, output) = await Run(site.Services, args);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Aufruf: " + args[0], output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The commands as an operator runs them: a second process, against the database of a site that is serving and
    /// writing meanwhile.
    /// </summary>
    [Fact]
    public async Task BackupAndExport_RunAsProcessesAgainstTheDatabaseOfARunningSite()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("alt.md", Article("Alt"))));
        var articles = site.Services.GetRequiredService<SiteStorage>();
        var parser = site.Services.GetRequiredService<ArticleParser>();
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/")).Response.StatusCode);
        var folder = Repository.NewTempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["NewsSite__DataDirectory"] = site.DataDirectory,
            ["NewsSite__BaseUrl"] = "https://nachrichten.example",

            // What a shell sets: relative paths are the operator's, resolved against it.
            ["PWD"] = folder,
        };

        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var name = $"laufend-{written + 1}.md";
                await articles.Articles.SaveAsync(parser.Parse(name, Article($"Laufend {written + 1}")), ArticleOrigin.ImportedFile(name), cancellationToken: Token);
                Interlocked.Increment(ref written);
            }
        }, Token);

        var backup = await AppProcess.RunAsync(
            AppProcess.App(AppContext.BaseDirectory, folder, environment, "backup", "sicherung.db"), TimeSpan.FromMinutes(1));
        var export = await AppProcess.RunAsync(
            AppProcess.App(AppContext.BaseDirectory, folder, environment, "export", "export"), TimeSpan.FromMinutes(1));
        await stop.CancelAsync();
        await writer;

        Assert.True(backup.ExitCode == 0, backup.Output + backup.Errors);
        Assert.Contains("Prüfung:      in Ordnung", backup.Output, StringComparison.Ordinal);
        var report = await SqliteBackup.CheckFileAsync(Path.Combine(folder, "sicherung.db"), Token);
        Assert.True(report.IsSound);
        Assert.InRange(report.Articles, 1, 1 + Volatile.Read(ref written));
        Assert.Equal(report.Articles, report.Revisions);

        Assert.True(export.ExitCode == 0, export.Output + export.Errors);
        var files = Directory.GetFiles(Path.Combine(folder, "export"), "*.md");
        Assert.InRange(files.Length, 1, 1 + Volatile.Read(ref written));
        Assert.Contains(files, f => f.EndsWith("0000001-alt.md", StringComparison.Ordinal));
    }
}
