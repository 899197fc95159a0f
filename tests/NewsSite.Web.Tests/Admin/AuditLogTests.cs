using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Core.Audit;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

/// <summary>
/// The audit log as admins read it (/admin/protokoll) and as the version list shows it: each kind of act leaves an
/// entry with who, when and what; filters answer bad input in German beside the field.
/// </summary>
public class AuditLogTests
{
    private const string Form = "form#editor";

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static NewsSiteFactory Site() => new(NewsSiteFactory.ContentFolder(), clock: new TestClock(Now));

    private static string Source(string title) => $"---\ntitle: \"{title}\"\n---\n\nEin Absatz über {title}.\n";

    private static List<(string Action, string Account, string Subject)> Rows(IDocument page) =>
        [.. page.QuerySelectorAll("#audit-log tbody tr").Select(row => row.QuerySelectorAll("td").ToList())
            .Select(cells => (cells[2].TextContent.Trim(), cells[1].TextContent.Trim(), cells[3].TextContent.Trim()))];

    [Fact]
    public async Task LoginsFailedLoginsAndAccountChanges_AreRecorded_WithTheirAddress()
    {
        await using var site = Site();
        using (var stranger = new AdminClient(site, address: "203.0.113.7"))
        {
            var (failed, _) = await stranger.SubmitAsync("/admin/anmelden", "form", new() { ["name"] = "anna", ["password"] = "falsch-geraten-123" });
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var admin = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);
        var (added, _) = await admin.SubmitAsync("/admin/konten", "form[action*='handler=Add']",
            new() { ["name"] = "clara", ["role"] = "contributor", ["password"] = "ein-langes-passwort-1" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var (_, accounts) = await admin.GetAsync("/admin/konten");
        var roleForm = accounts.QuerySelectorAll("form[action*='handler=Role']").Single(f => f.QuerySelector("input[name=name]")!.GetAttribute("value") == "clara");
        roleForm.Id = "role-of-clara";
        var (changed, _) = await admin.SubmitAsync(accounts, "/admin/konten", "#role-of-clara", new() { ["role"] = "editor" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var (_, log) = await admin.GetAsync("/admin/protokoll");
        var rows = Rows(log);
        Assert.Equal(
            [("Rolle geändert", "anna", "clara"), ("Konto angelegt", "anna", "clara"), ("angemeldet", "anna", ""), ("Anmeldung fehlgeschlagen", "anna", "")],
            rows);
        var failedRow = log.QuerySelectorAll("#audit-log tbody tr")[^1];
        Assert.Equal("203.0.113.7", failedRow.QuerySelectorAll("td")[5].TextContent.Trim());
        Assert.Equal("editor", log.QuerySelectorAll("#audit-log tbody tr")[0].QuerySelectorAll("td")[4].TextContent.Trim());
    }

    [Fact]
    public async Task ArticleActs_AreInTheLog_AndBetweenTheVersions()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(Source("Brücke gesperrt")), "Veröffentlichen");
        var editUrl = saved.Headers.Location!.OriginalString;
        await editor.SubmitConfirmedAsync(editUrl, Form, "Zurückziehen");
        await editor.SubmitConfirmedAsync(editUrl, "#trash-form", "In den Papierkorb");
        await editor.SubmitAsync(editUrl, "#trash-form", button: "wiederherstellen");

        var (_, versions) = await editor.GetAsync(editUrl + "/versionen");
        var events = versions.QuerySelectorAll(".admin-table__event").Select(row => row.QuerySelectorAll("td")[3].TextContent.Trim()).ToList();
        Assert.Equal(["aus dem Papierkorb geholt", "in den Papierkorb gelegt", "zurückgezogen", "veröffentlicht"], events);

        using var admin = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);
        var articleId = editUrl.Split('/')[^1];
        var (_, log) = await admin.GetAsync($"/admin/protokoll?artikel={articleId}");
        Assert.Equal(
            ["aus dem Papierkorb geholt", "in den Papierkorb gelegt", "zurückgezogen", "veröffentlicht"],
            Rows(log).Select(r => r.Action));
        Assert.All(Rows(log), r => Assert.Equal(("erika", "Brücke gesperrt"), (r.Account, r.Subject)));
        var (_, trashOnly) = await admin.GetAsync("/admin/protokoll?aktion=trashed&konto=ERIKA");
        Assert.Equal(["in den Papierkorb gelegt"], Rows(trashOnly).Select(r => r.Action));
        var (_, thatDay) = await admin.GetAsync("/admin/protokoll?von=2025-06-01&bis=2025-06-01&aktion=published");
        Assert.Single(Rows(thatDay));
        var (_, dayBefore) = await admin.GetAsync("/admin/protokoll?bis=2025-05-31");
        Assert.Empty(Rows(dayBefore));
    }

    [Theory]
    [InlineData("aktion=alles", "aktion", "gibt es nicht")]
    [InlineData("von=14.03.2025", "von", "2025-03-14")]
    [InlineData("bis=2025-13-01", "bis", "2025-03-14")]
    [InlineData("artikel=-4", "artikel", "Nummer des Artikels")]
    public async Task BadFilters_AreAnsweredInGerman_NextToTheirField(string query, string field, string message)
    {
        await using var site = Site();
        using var admin = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);

        var (response, page) = await admin.GetAsync("/admin/protokoll?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("true", page.QuerySelector($"#{field}")!.GetAttribute("aria-invalid"));
        Assert.Contains(message, page.QuerySelector($"#{field}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#audit-log"));
    }

    [Fact]
    public async Task TheLog_IsForAdminsOnly()
    {
        await using var site = Site();
        await site.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEvent("anna", AuditAction.Login), TestContext.Current.CancellationToken);
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/admin/protokoll")).Response.StatusCode);
        Assert.Null((await editor.GetAsync("/admin")).Document.QuerySelector("a[href='/admin/protokoll']"));
    }
}
