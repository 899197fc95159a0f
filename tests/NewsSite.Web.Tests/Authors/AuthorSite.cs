using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Authors;

/// <summary>
/// A small site of its own for the author tests: "Gemeinsam" by Anna Berger and Markus Lehmann, "Zu dritt" by both and
/// Lena Schmidt, "Allein" by Markus Lehmann, "Fremd" by Max Weber (sharing no tag), and a draft by Lena Schmidt and Paul Neu (whose
/// only article it is).
/// </summary>
public static class AuthorSite
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    public static string Article(string slug, string title, string byline, string date, bool draft = false, string tags = "Köln") =>
        $"---\ntitle: {title}\nslug: {slug}\n{byline}\ntags: [{tags}]\ndate: {date}\n" + (draft ? "draft: true\n" : "") +
        $"---\n\nText über {title}.\n";

    public static NewsSiteFactory Create() => new(Content(), clock: new TestClock(Now));

    public static string Content() =>
        NewsSiteFactory.ContentFolder(
            ("01-gemeinsam.md", Article("gemeinsam", "Gemeinsam", "authors: [Anna Berger, Markus Lehmann]", "2025-05-01T10:00:00")),
            ("02-dritt.md", Article("zu-dritt", "Zu dritt", "authors: [Anna Berger, Markus Lehmann, Lena Schmidt]", "2025-05-02T10:00:00")),
            ("03-allein.md", Article("allein", "Allein", "author: Markus Lehmann", "2025-05-03T10:00:00")),
            ("04-fremd.md", Article("fremd", "Fremd", "author: Max Weber", "2025-05-04T10:00:00", tags: "Kultur")),
            ("05-entwurf.md", Article("entwurf", "Entwurf", "authors: [Lena Schmidt, Paul Neu]", "2025-05-05T10:00:00", draft: true)));
}
