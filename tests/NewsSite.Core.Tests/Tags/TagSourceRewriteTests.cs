using NewsSite.Core.Tags;

namespace NewsSite.Core.Tests.Tags;

public class TagSourceRewriteTests
{
    private const string Source = "---\ntitle: \"Dom\"\n# Schlagwörter:\ntags: [Koeln, Verkehr, 'Köln']\nsummary: \"Kurz\"\n---\n\nText mit tags: [Koeln].\n";

    [Fact]
    public void ARenamedTag_IsWrittenWithItsNewName_AndEachTagOnce_AtItsFirstPlace()
    {
        var rewritten = TagSourceRewrite.Rewrite(Source, new Dictionary<string, string> { ["koeln"] = "Köln" });

        Assert.Equal("---\ntitle: \"Dom\"\n# Schlagwörter:\ntags: [\"Köln\", \"Verkehr\"]\nsummary: \"Kurz\"\n---\n\nText mit tags: [Koeln].\n", rewritten);
    }

    [Fact]
    public void ABlockList_BecomesOneLine_AndTheLinesAfterItStay()
    {
        var rewritten = TagSourceRewrite.Rewrite("---\ntitle: Dom\ntags:\n- Koln\n-   Rhein\ndraft: true\n---\n\nText.\n", new Dictionary<string, string> { ["koln"] = "Köln" });

        Assert.Equal("---\ntitle: Dom\ntags: [\"Köln\", \"Rhein\"]\ndraft: true\n---\n\nText.\n", rewritten);
    }

    [Fact]
    public void ASourceNamingNoneOfTheTags_IsLeftAlone() =>
        Assert.Null(TagSourceRewrite.Rewrite(Source, new Dictionary<string, string> { ["bonn"] = "Bonn" }));

    [Fact]
    public void AnUnreadableSource_IsLeftAlone() =>
        Assert.Null(TagSourceRewrite.Rewrite("kein Front Matter", new Dictionary<string, string> { ["koeln"] = "Köln" }));

    [Fact]
    public void ANameWithQuotes_IsQuotedSoThatItReadsBack()
    {
        var rewritten = TagSourceRewrite.Rewrite("---\ntitle: Dom\ntags: [a]\n---\n\nText.\n", new Dictionary<string, string> { ["a"] = "Sag \"Ja\": #1" })!;

        Assert.Equal("Sag \"Ja\": #1", Assert.Single(NewsSite.Core.Articles.FrontMatterReader.Read("x", rewritten).FrontMatter.Tags).Display);
    }
}
