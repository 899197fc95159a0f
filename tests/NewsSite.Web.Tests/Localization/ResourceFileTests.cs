using System.Text.RegularExpressions;
using System.Xml.Linq;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Localization;

/// <summary>The two resource files stay in step, and no page asks for a text that neither has.</summary>
public partial class ResourceFileTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "src", "NewsSite.Web", "Localization");

    private static Dictionary<string, string> Entries(string fileName) =>
        XDocument.Load(Path.Combine(Folder, fileName)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void GermanAndEnglish_HaveTheSameKeysAndPlaceholders()
    {
        var german = Entries("SiteText.resx");
        var english = Entries("SiteText.en.resx");

        Assert.Equal(german.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in german)
        {
            Assert.False(string.IsNullOrWhiteSpace(english[key]), key);
            Assert.Equal(Placeholders(text), Placeholders(english[key]));
        }
    }

    [Fact]
    public void EveryKeyUsedInTheWebProject_Exists()
    {
        var keys = Entries("SiteText.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "NewsSite.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var used = sources.SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value))).ToList();

        Assert.NotEmpty(used);
        var unknown = used.Where(u => !keys.Contains(u.Key)).ToList();
        Assert.True(unknown.Count == 0, "Unknown keys: " + string.Join(", ", unknown));
    }

    private static List<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    // T["Key"], text["Key", …], Text["Key"] and T.Around("Key"): the ways the web project asks SiteText for a text.
    [GeneratedRegex("""\b(?:T|text|Text)(?:\[|\.Around\()"([A-Za-z0-9]+)"[,\])]""")]
    private static partial Regex KeyUse();
}
