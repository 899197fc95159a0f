using System.Text.RegularExpressions;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// Keeps docs/security.md honest: every row of its catalogue tables names at least one test as `Class.Method`, and
/// each named test exists as a [Fact] or [Theory] in one of the two test projects (a store contract's test under the
/// class of its SQLite binding, e.g. `SqliteUserStoreContractTests`, which is where it runs). The only way out is the explicit
/// marker <see cref="PendingMarker"/> in the test cell, for rows whose test another change still has to add.
/// </summary>
public partial class SecurityCatalogueTests
{
    /// <summary>Written in a row's test cell instead of a test; the row is then not checked. Remove it with the test.</summary>
    public const string PendingMarker = "PENDING";

    private static string Document => File.ReadAllText(Path.Combine(Repository.Root, "docs", "security.md"));

    [Fact]
    public void EveryTestTheCatalogueNames_Exists()
    {
        var tests = TestMethods();
        var rows = CatalogueRows(Document);

        Assert.True(rows.Count >= 60, $"Nur {rows.Count} Zeilen im Katalog gefunden.");
        var missing = rows
            .Where(row => !row.Contains(PendingMarker, StringComparison.Ordinal))
            .SelectMany(row => References(row).DefaultIfEmpty("(keine Testangabe) " + row))
            .Where(reference => !tests.Contains(reference))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void TheCheck_FindsAMissingTest_AndARowWithoutAny()
    {
        const string table = "# Security\n\n## Catalogue\n\n| Case | What happens | Test |\n| --- | --- | --- |\n"
            + "| a | b | `LoginTests.TamperedCookie_IsNoSession` |\n| c | d | `LoginTests.GibtEsNicht` |\n| e | f | nothing |\n"
            + "| g | h | PENDING `HttpHardeningTests` |\n";
        var rows = CatalogueRows(table);

        Assert.Equal(4, rows.Count);
        Assert.Equal(["LoginTests.TamperedCookie_IsNoSession"], References(rows[0]));
        Assert.Contains("LoginTests.TamperedCookie_IsNoSession", TestMethods());
        Assert.DoesNotContain("LoginTests.GibtEsNicht", TestMethods());
        Assert.Empty(References(rows[2]));

        // A store contract's tests run (and count) once per database binding that derives from it.
        Assert.Contains("SqliteUserStoreContractTests.Remove_DeletesTheAccount", TestMethods());
        Assert.DoesNotContain("UserStoreContract.Remove_DeletesTheAccount", TestMethods());
    }

    /// <summary>The table rows below the "## Catalogue" heading, up to the next second-level heading, without header and rule rows.</summary>
    private static List<string> CatalogueRows(string markdown)
    {
        var start = markdown.IndexOf("\n## Catalogue", StringComparison.Ordinal);
        Assert.True(start >= 0, "Abschnitt „## Catalogue“ fehlt in docs/security.md.");
        var end = markdown.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return markdown[start..(end < 0 ? markdown.Length : end)]
            .Split('\n')
            .Where(line => line.StartsWith('|') && !RuleRow().IsMatch(line) && !line.StartsWith("| Case ", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>`Class.Method` in the row's last cell.</summary>
    private static List<string> References(string row)
    {
        var cells = row.Trim().Trim('|').Split('|');
        return TestReference().Matches(cells[^1]).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>
    /// "Class.Method" for every [Fact] or [Theory] in both test projects, read from their sources; the tests of an
    /// abstract store contract (Data/Contracts) under each binding's class that derives from it.
    /// </summary>
    private static HashSet<string> TestMethods()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var contracts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var bindings = new List<(string Binding, string Contract)>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "tests"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            var classes = ClassDeclaration().Matches(text).Select(m => (m.Index, Name: m.Groups[1].Value)).ToList();
            foreach (Match method in TestMethod().Matches(text))
            {
                var owner = classes.LastOrDefault(c => c.Index < method.Index).Name;
                if (owner is null)
                {
                    continue;
                }

                if (owner.EndsWith("Contract", StringComparison.Ordinal))
                {
                    if (!contracts.TryGetValue(owner, out var methods))
                    {
                        methods = [];
                        contracts[owner] = methods;
                    }

                    methods.Add(method.Groups[1].Value);
                }
                else
                {
                    found.Add(owner + "." + method.Groups[1].Value);
                }
            }

            bindings.AddRange(ContractBinding().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value)));
        }

        foreach (var (binding, contract) in bindings)
        {
            foreach (var method in contracts.GetValueOrDefault(contract) ?? [])
            {
                found.Add(binding + "." + method);
            }
        }

        return found;
    }

    [GeneratedRegex(@"^\|\s*:?-{3,}")]
    private static partial Regex RuleRow();

    [GeneratedRegex(@"`([A-Z]\w*\.[A-Z]\w*)`")]
    private static partial Regex TestReference();

    [GeneratedRegex(@"\bclass\s+([A-Z]\w*(?:Tests|Contract))\b")]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"\bclass\s+([A-Z]\w*Tests)\s*:\s*([A-Z]\w*Contract)\b")]
    private static partial Regex ContractBinding();

    [GeneratedRegex(@"\[(?:Fact|Theory)\b[^\]]*\][\s\S]{0,4000}?public\s+(?:async\s+)?(?:Task|void)\s+(\w+)\s*\(")]
    private static partial Regex TestMethod();
}
