using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Articles;

public class FrontMatterReaderTests
{
    private const string File = "beispiel.md";

    private static ArticleSource Read(string frontMatter, string body = "Text.") =>
        FrontMatterReader.Read(File, $"---\n{frontMatter}\n---\n{body}");

    private static ArticleFormatException Refuse(string frontMatter) =>
        Assert.Throws<ArticleFormatException>(() => Read(frontMatter));

    [Fact]
    public void ReadsEveryField()
    {
        var source = Read("""
            title: "Kreml lehnt   internationale Truppen ab"
            slug: kreml-truppen
            author: administrator
            date: 2025-03-14T09:30:00
            updated: 2025-03-15T10:00:00Z
            tags: [Russland, Ukraine, "Naher Osten"]
            summary: Kurz gesagt.
            draft: true
            """, body: "## Erste Überschrift\n\nText.");

        var front = source.FrontMatter;
        Assert.Equal("Kreml lehnt internationale Truppen ab", front.Title);
        Assert.Equal("kreml-truppen", front.Slug);
        Assert.Equal("administrator", front.Author);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 8, 30, 0, TimeSpan.Zero), front.Date);
        Assert.Equal(new DateTimeOffset(2025, 3, 15, 10, 0, 0, TimeSpan.Zero), front.Updated);
        Assert.Equal(["Russland", "Ukraine", "Naher Osten"], front.Tags.Select(t => t.Display));
        Assert.Equal("Kurz gesagt.", front.Summary);
        Assert.True(front.Draft);
        Assert.Equal("## Erste Überschrift\n\nText.", source.Body);
        Assert.Equal(11, source.BodyStartLine);
    }

    [Fact]
    public void OnlyTheTitleIsRequired()
    {
        var front = Read("title: Nur ein Titel").FrontMatter;

        Assert.Equal("Nur ein Titel", front.Title);
        Assert.Null(front.Slug);
        Assert.Null(front.Author);
        Assert.Null(front.Date);
        Assert.Empty(front.Tags);
        Assert.False(front.Draft);
    }

    [Fact]
    public void BlockListsOfTagsWork()
    {
        var front = Read("title: T\ntags:\n  - Köln\n  - Verkehr").FrontMatter;

        Assert.Equal(["Köln", "Verkehr"], front.Tags.Select(t => t.Display));
    }

    [Fact]
    public void TagsThatDifferOnlyByCaseOrSpacesAreOneTag()
    {
        var front = Read("title: T\ntags: [Köln, \"köln \", KÖLN, Bonn]").FrontMatter;

        Assert.Equal(["Köln", "Bonn"], front.Tags.Select(t => t.Display));
    }

    [Theory]
    [InlineData("2025-01-10T09:30:00", "2025-01-10T08:30:00Z")] // winter: UTC+1
    [InlineData("2025-07-10T09:30:00", "2025-07-10T07:30:00Z")] // summer: UTC+2
    [InlineData("2025-07-10 09:30", "2025-07-10T07:30:00Z")]
    [InlineData("2025-07-10", "2025-07-09T22:00:00Z")]
    [InlineData("2025-07-10T09:30:00Z", "2025-07-10T09:30:00Z")]
    [InlineData("2025-07-10T09:30:00+05:00", "2025-07-10T04:30:00Z")]
    [InlineData("\"2025-07-10T09:30:00\"", "2025-07-10T07:30:00Z")]
    public void DatesWithoutZoneAreBerlinTimeAndStoredAsUtc(string date, string expectedUtc)
    {
        var front = Read($"title: T\ndate: {date}").FrontMatter;

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), front.Date);
        Assert.Equal(TimeSpan.Zero, front.Date!.Value.Offset);
    }

    [Fact]
    public void MissingOpeningLineIsRefused()
    {
        var e = Assert.Throws<ArticleFormatException>(() => FrontMatterReader.Read(File, "title: T\n---\nText"));

        Assert.Equal(1, e.Line);
        Assert.Contains("Front Matter fehlt", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("beispiel.md, Zeile 1: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedFrontMatterIsRefused()
    {
        var e = Assert.Throws<ArticleFormatException>(() => FrontMatterReader.Read(File, "---\ntitle: T\n\nText ohne Ende"));

        Assert.Contains("nicht abgeschlossen", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("author: Jemand")]
    [InlineData("title: \"\"")]
    [InlineData("title:")]
    [InlineData("title: null")]
    public void MissingTitleIsRefused(string frontMatter)
    {
        var e = Refuse(frontMatter);

        Assert.Equal("title", e.Field);
        Assert.Contains("Der Titel fehlt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFieldIsRefusedWithItsLineAndName()
    {
        var e = Refuse("title: T\ncategory: Politik");

        Assert.Equal(3, e.Line); // line 1 is "---"
        Assert.Equal("category", e.Field);
        Assert.Equal("beispiel.md, Zeile 3, Feld „category“: Unbekanntes Feld. Erlaubt sind: title, slug, author, authors, date, updated, tags, summary, draft, feed-id, ressort, image, image-alt, image-caption, image-credit, corrections.", e.Message);
    }

    [Fact]
    public void DuplicateKeyIsRefused()
    {
        var e = Refuse("title: Erster\nauthor: A\ntitle: Zweiter");

        Assert.Equal(4, e.Line);
        Assert.Equal("title", e.Field);
        Assert.Contains("doppelt", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title: &titel T\nsummary: *titel")]
    [InlineData("title: T\ntags: &liste [A, B]")]
    [InlineData("title: T\nsummary: *nirgends")]
    public void AnchorsAndAliasesAreRefused(string frontMatter)
    {
        var e = Refuse(frontMatter);

        Assert.Contains("Anker und -Aliase", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title: !!str T")]
    [InlineData("title: T\ndraft: !!bool true")]
    [InlineData("title: !<tag:yaml.org,2002:python/object> T")]
    [InlineData("title: T\ntags: !!set {a, b}")]
    public void TypeTagsAreRefused(string frontMatter)
    {
        var e = Refuse(frontMatter);

        Assert.Contains("Typangaben", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title: T\ntags: Köln, Verkehr", "tags", "Liste")]
    [InlineData("title: T\ntags: [[Köln], Verkehr]", "tags", "einfache Werte")]
    [InlineData("title: T\ntags: {Köln: 1}", "tags", "keine verschachtelten Felder")]
    [InlineData("title: [A, B]", "title", "keine Liste")]
    [InlineData("title: T\ndraft: vielleicht", "draft", "true oder false")]
    [InlineData("title: T\ndraft: \"true\"", "draft", "true oder false")]
    [InlineData("title: T\ndate: gestern", "date", "ISO 8601")]
    [InlineData("title: T\ndate: 14.03.2025", "date", "ISO 8601")]
    [InlineData("title: T\ndate: 2025-02-30", "date", "kein gültiges Datum")]
    [InlineData("title: T\nupdated: 2025-13-01T10:00:00", "updated", "kein gültiges Datum")]
    [InlineData("title: T\ndate: 2025-03-30T02:30:00", "date", "Sommerzeit")]
    [InlineData("title: T\nslug: Köln Bonn", "slug", "kein gültiger Slug")]
    [InlineData("title: T\ntags: [\"\"]", "tags", "leer")]
    public void MistypedFieldsAreRefusedNamingTheField(string frontMatter, string field, string reason)
    {
        var e = Refuse(frontMatter);

        Assert.Equal(field, e.Field);
        Assert.NotNull(e.Line);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlongTitleIsRefused()
    {
        var e = Refuse("title: " + new string('A', 2000));

        Assert.Equal("title", e.Field);
        Assert.Contains("zu lang (2000 Zeichen", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanTwentyTagsAreRefused()
    {
        var tags = string.Join(", ", Enumerable.Range(1, 21).Select(i => $"Tag{i}"));

        var e = Refuse($"title: T\ntags: [{tags}]");

        Assert.Equal("tags", e.Field);
        Assert.Contains("Zu viele Tags (21", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title: \"offen", 2, "title", "Anführungszeichen wird geöffnet")]
    [InlineData("title: T\n  author: eingerückt", 2, "title", "Doppelpunkt")]
    [InlineData("title: T\ntags: [A, B", 3, "tags", "Liste in eckigen Klammern")]
    [InlineData("title: *Eilmeldung* aus Köln", 2, "title", "Anker und -Aliase")]
    [InlineData("title: T\n\tauthor: Tab", 2, null, "Tabulator")]
    public void YamlSyntaxErrors_NameTheLineAndField_InGerman_NeverInTheParsersWords(string frontMatter, int line, string? field, string reason)
    {
        var e = Refuse(frontMatter);

        var problem = Assert.Single(e.Problems);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
        Assert.NotNull(problem.Hint);
        Assert.True(problem.Line >= line, $"Zeile {problem.Line}, erwartet ab {line}");
        if (field is not null)
        {
            Assert.Equal(field, problem.Field);
        }

        foreach (var english in (string[])["While", "scanning", "found", "expected", "Line:", "mapping"])
        {
            Assert.DoesNotContain(english, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AColonInAnUnquotedTitle_GetsTheHintToQuoteIt()
    {
        var e = Refuse("title: Köln: Die neue Brücke ist offen\ndate: 2025-03-14");

        var problem = Assert.Single(e.Problems);
        Assert.Equal(("title", 2), (problem.Field, problem.Line));
        Assert.StartsWith("Titel mit Doppelpunkt in Anführungszeichen setzen", problem.Hint, StringComparison.Ordinal);
        Assert.Contains("Tipp: Titel mit Doppelpunkt in Anführungszeichen setzen", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithThreeMistakes_ReportsAllThree_EachWithItsLineAndField()
    {
        var e = Refuse("""
            title: Köln: Brücke offen
            date: 2025-02-30
            tags: Köln
            image: /bilder/bruecke.jpg
            """);

        Assert.Equal(
            [("title", 2), ("date", 3), ("tags", 4), ("image-alt", 5)],
            e.Problems.Select(p => (p.Field, p.Line)).ToArray());
        Assert.Equal(4, e.Message.Split('\n').Length);
    }

    [Fact]
    public void MistakesWithoutASyntaxError_AreAllReported_AndAMissingTitleToo()
    {
        var e = Refuse("category: Sport\ndate: gestern\nslug: Groß\ndraft: vielleicht");

        Assert.Equal(
            ["category", "date", "slug", "draft", "title"],
            e.Problems.Select(p => p.Field).ToArray());
    }

    [Fact]
    public void AnUnreadableTitle_IsNotAlsoReportedAsMissing()
    {
        var e = Refuse("title: \"offen\nauthor: Anna");

        Assert.Equal("title", Assert.Single(e.Problems).Field);
    }

    [Fact]
    public void ARootThatIsNotAMappingIsRefused()
    {
        var e = Refuse("- title\n- T");

        Assert.Contains("name: Wert", e.Message, StringComparison.Ordinal);
    }
}
