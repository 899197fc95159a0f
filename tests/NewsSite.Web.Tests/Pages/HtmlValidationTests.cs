using System.Diagnostics;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

/// <summary>
/// The Nu HTML Checker (vnu.jar from npm's vnu-jar, on the machine's Java) finds no error in any kind of reader page
/// or the login page. .ci/run fetches it into .tools/; VNU_JAR points elsewhere. Without it this test fails rather
/// than passes silently.
/// </summary>
public class HtmlValidationTests(SeededSite site) : IClassFixture<SeededSite>
{
    private static readonly string[] Pages =
    [
        "/",
        "/?seite=2",
        $"/artikel/{SeededSite.SeedSlug}",
        $"/artikel/{SeededSite.CorrectedSlug}",
        "/thema/ukraine",
        "/ressort/ausland",
        "/themen",
        "/autor/anna-berger",
        "/archiv",
        "/archiv/2025/03",
        "/korrekturen",
        "/suche",
        "/suche?q=ukraine",
        "/suche?q=Ukriane",
        "/suche?q=%3Cscript%3E",
        "/gibt-es-nicht",
        "/impressum",
        "/datenschutz",
        "/admin/anmelden",
    ];

    public static string VnuJar => Environment.GetEnvironmentVariable("VNU_JAR")
        ?? Path.Combine(Repository.Root, ".tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    [Fact]
    public async Task NuHtmlChecker_FindsNoErrorOnAnyPage()
    {
        Assert.True(File.Exists(VnuJar),
            $"vnu.jar fehlt unter {VnuJar}: npm install --prefix .tools --ignore-scripts vnu-jar (so macht es .ci/run), oder VNU_JAR setzen.");

        var folder = Repository.NewTempDirectory();
        var files = new List<string>();
        foreach (var (path, index) in Pages.Select((p, i) => (p, i)))
        {
            using var response = await site.SendAsync(path);
            var file = Path.Combine(folder, $"{index:00}.html");
            await File.WriteAllBytesAsync(file, await response.BytesAsync(), TestContext.Current.CancellationToken);
            files.Add(file);
        }

        var start = new ProcessStartInfo("java") { ArgumentList = { "-jar", VnuJar, "--errors-only", "--format", "gnu" } };
        files.ForEach(start.ArgumentList.Add);
        var (exitCode, output, errors) = await AppProcess.RunAsync(start, TimeSpan.FromMinutes(3));

        var report = string.Join('\n', (output + errors).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Pages.Select((p, i) => (p, i)).Aggregate(line, (l, page) => l.Replace(files[page.i], page.p, StringComparison.Ordinal))));
        Assert.True(exitCode == 0 && report.Length == 0, $"vnu (exit {exitCode}):\n{report}");
    }
}
