using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>
/// The front matter field corrections: a list of entries {date, text}, read with the rigour of every other field:
/// German problems naming line and field, types checked, every entry's problems at once.
/// </summary>
public class FrontMatterCorrectionsTests
{
    private const string File = "beispiel.md";

    private static ArticleSource Read(string frontMatter) => FrontMatterReader.Read(File, $"---\n{frontMatter}\n---\nText.");

    private static ArticleFormatException Refuse(string frontMatter) =>
        Assert.Throws<ArticleFormatException>(() => Read(frontMatter));

    [Fact]
    public void Corrections_AreReadOldestFirst_InGermanTimeUnlessAZoneIsGiven()
    {
        var front = Read("""
            title: T
            corrections:
              - date: 2025-03-15T10:00:00Z
                text: "Zweite Korrektur."
              - text: In einer früheren Fassung   stand, der Streik ende am Freitag.
                date: 2025-03-14T09:30
            """).FrontMatter;

        Assert.Equal(
            [
                new ArticleCorrection(new DateTimeOffset(2025, 3, 14, 8, 30, 0, TimeSpan.Zero), "In einer früheren Fassung stand, der Streik ende am Freitag."),
                new ArticleCorrection(new DateTimeOffset(2025, 3, 15, 10, 0, 0, TimeSpan.Zero), "Zweite Korrektur."),
            ],
            front.Corrections);
    }

    [Theory]
    [InlineData("corrections:")]
    [InlineData("corrections: []")]
    [InlineData("corrections: null")]
    public void NoCorrections_AreNone(string field)
    {
        Assert.Empty(Read("title: T\n" + field).FrontMatter.Corrections);
    }

    [Theory]
    [InlineData("corrections: Tippfehler behoben", 3, "Liste von Einträgen")]
    [InlineData("corrections: [Tippfehler behoben]", 3, "Jeder Eintrag der Liste braucht die Felder „date: …“ und „text: …“")]
    [InlineData("corrections:\n  - date: 2025-03-14T09:30", 4, "fehlt ihr Text")]
    [InlineData("corrections:\n  - text: Ohne Datum.", 4, "fehlt ihr Zeitpunkt")]
    [InlineData("corrections:\n  - date: gestern\n    text: T.", 4, "ISO 8601")]
    [InlineData("corrections:\n  - date: 2205-03-14\n    text: T.", 4, "außerhalb des erlaubten Zeitraums")]
    [InlineData("corrections:\n  - date: 2025-03-14\n    text: T.\n    autor: Anna", 6, "Unbekanntes Feld in einem Eintrag. Erlaubt sind: date, text.")]
    [InlineData("corrections:\n  - date: 2025-03-14\n    text: [a, b]", 5, "„text“ braucht einen einfachen Wert")]
    [InlineData("corrections:\n  - date: 2025-03-14\n    text: A.\n    text: B.", 6, "„text“ ist in diesem Eintrag doppelt angegeben")]
    [InlineData("corrections:\n  - date: 2025-03-14\n    text: \"Mit \\u0007 Klingel.\"", 5, "Steuerzeichen U+0007")]
    [InlineData("corrections:\n  - date: 2025-03-14\n    text: \"Gedreht \\u202E txt.exe\"", 5, "Schreibrichtung")]
    public void WrongCorrections_AreRefused_WithLineAndField(string field, int line, string reason)
    {
        var e = Refuse("title: T\n" + field);

        Assert.Equal(FrontMatterReader.CorrectionsField, e.Field);
        Assert.Equal(line, e.Line);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATextOverTheLimit_IsRefused()
    {
        var e = Refuse($"title: T\ncorrections:\n  - date: 2025-03-14\n    text: \"{new string('x', CorrectionText.MaxLength + 1)}\"");

        Assert.Equal($"beispiel.md, Zeile 5, Feld „corrections“: Die Korrektur ist zu lang ({CorrectionText.MaxLength + 1} Zeichen, höchstens {CorrectionText.MaxLength}).", e.Message);
    }

    [Fact]
    public void EveryEntrysProblem_IsReported_EachAtItsLine()
    {
        var e = Refuse("title: T\ncorrections:\n  - date: gestern\n    text: A.\n  - date: 2025-02-30\n    text: B.\n  - date: 2025-03-01");

        Assert.Equal([4, 6, 8], e.Problems.Select(p => p.Line));
    }

    [Fact]
    public void AnchorsInCorrections_AreRefusedLikeEverywhere()
    {
        var e = Refuse("title: T\ncorrections:\n  - date: &d 2025-03-14\n    text: A.\n  - date: *d\n    text: B.");

        Assert.Contains("Anker und -Aliase", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanTheLimit_IsRefused()
    {
        var entries = string.Concat(Enumerable.Range(0, CorrectionText.MaxPerArticle + 1).Select(i => $"\n  - date: 2025-03-14\n    text: K{i}."));

        var e = Refuse("title: T\ncorrections:" + entries);

        Assert.Contains($"Zu viele Korrekturen ({CorrectionText.MaxPerArticle + 1}, höchstens {CorrectionText.MaxPerArticle})", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatYamlTextWrites_IsReadBackUnchanged()
    {
        ArticleCorrection[] corrections =
        [
            new(new DateTimeOffset(2025, 3, 14, 8, 30, 0, TimeSpan.Zero), "Zitat „falsch“: \"Nein\" \\ und: # kein Kommentar"),
            new(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero), "Im Sommer."),
        ];
        var text = FrontMatterEditor.Apply("---\ntitle: T\n---\n\nText.\n", [new(FrontMatterReader.CorrectionsField, YamlText.Corrections(corrections))]);

        Assert.Contains("\ncorrections:\n  - date: 2025-03-14T09:30:00+01:00\n    text: ", text, StringComparison.Ordinal);
        Assert.Equal(corrections, FrontMatterReader.Read(File, text).FrontMatter.Corrections);
    }

    [Fact]
    public void ACorrection_MakesTheArticleUpdatedAtLeastThen()
    {
        var later = TestDatabase.Parser.Parse(File, "---\ntitle: T\nupdated: 2025-03-01T10:00Z\ncorrections:\n  - date: 2025-03-14T10:00Z\n    text: K.\n---\n\nText.\n");
        var earlier = TestDatabase.Parser.Parse(File, "---\ntitle: T\nupdated: 2025-03-20T10:00Z\ncorrections:\n  - date: 2025-03-14T10:00Z\n    text: K.\n---\n\nText.\n");

        Assert.Equal(new DateTimeOffset(2025, 3, 14, 10, 0, 0, TimeSpan.Zero), later.UpdatedAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 20, 10, 0, 0, TimeSpan.Zero), earlier.UpdatedAt);
        Assert.Single(later.Corrections);
    }
}
