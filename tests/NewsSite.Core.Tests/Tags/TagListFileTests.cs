using NewsSite.Core.Articles;
using NewsSite.Core.Tags;

namespace NewsSite.Core.Tests.Tags;

public class TagListFileTests
{
    [Fact]
    public void WhatItWrites_ItReadsBack()
    {
        TagAliasEntry[] entries = [new("Köln", ["Koeln", "Kölle"]), new("Naher Osten", ["Nahost"]), new("Sag \"Ja\"", [])];

        var read = TagListFile.Parse(TagListFile.Write(entries));

        Assert.Equal(entries.Select(e => $"{e.Name}: {string.Join('|', e.Aliases)}"), read.Select(e => $"{e.Name}: {string.Join('|', e.Aliases)}"));
    }

    [Fact]
    public void AnEmptyFile_IsNoEntries() => Assert.Empty(TagListFile.Parse("# nichts\n"));

    [Theory]
    [InlineData("name: Köln\n", 1, null)]
    [InlineData("- name: Köln\n  slug: koeln\n", 1, null)]
    [InlineData("- aliases: [Koeln]\n", 1, "name")]
    [InlineData("- name: Köln\n  aliases: Koeln\n", 2, "aliases")]
    [InlineData("- name: Köln\n  aliases: [\"\"]\n", 2, "aliases")]
    [InlineData("- name: [Köln\n", 2, null)]
    public void AMalformedFile_IsRefusedWithItsLine(string text, int line, string? field)
    {
        var refused = Assert.Throws<ArticleFormatException>(() => TagListFile.Parse(text));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal((line, field), (problem.Line, problem.Field));
        Assert.StartsWith("tags.yml", refused.Message, StringComparison.Ordinal);
    }
}
