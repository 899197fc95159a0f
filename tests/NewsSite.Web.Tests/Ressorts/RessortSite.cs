using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Ressorts;

/// <summary>
/// A small site of its own for the Ressort tests: Politik with five articles (page size 3, so two pages), Sport with
/// one, Leer with none, and one article without a Ressort.
/// </summary>
public static class RessortSite
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    public const string List =
        """
        - name: Politik
        - name: Sport
        - name: Leer
          slug: leer
        """;

    public static string Article(string slug, string title, string? ressort, string date, string tags = "Allgemein") =>
        $"---\ntitle: {title}\n" + (ressort is null ? "" : $"ressort: {ressort}\n") +
        $"slug: {slug}\nauthor: Erika Muster\ntags: [{tags}]\ndate: {date}\n---\n\nText über {title}.\n";

    public static NewsSiteFactory Create(int pageSize = 3) => new(
        NewsSiteFactory.ContentFolder(
            ("ressorts.yml", List),
            ("p1.md", Article("p1", "Politik eins", "Politik", "2025-05-01T10:00:00")),
            ("p2.md", Article("p2", "Politik zwei", "politik", "2025-05-02T10:00:00")),
            ("p3.md", Article("p3", "Politik drei", "Politik", "2025-05-03T10:00:00")),
            ("p4.md", Article("p4", "Politik vier", "Politik", "2025-05-04T10:00:00")),
            ("p5.md", Article("p5", "Politik fünf", "Politik", "2025-05-05T10:00:00")),
            ("s1.md", Article("s1", "Sport eins", "Sport", "2025-05-06T10:00:00", tags: "Fußball")),
            ("o1.md", Article("o1", "Ohne Ressort", null, "2025-05-07T10:00:00", tags: "Sonstiges"))),
        pageSize: pageSize,
        clock: new TestClock(Now));
}
