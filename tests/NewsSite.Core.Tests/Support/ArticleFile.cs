namespace NewsSite.Core.Tests.Support;

/// <summary>Builds article files for tests, so each test shows only the fields it is about.</summary>
public static class ArticleFile
{
    public static string With(string title, string date, string tags, string body = "Ein Absatz.", string extra = "") =>
        $"""
        ---
        title: "{title}"
        author: "Test Autorin"
        date: {date}
        tags: {tags}
        {extra}
        ---

        {body}
        """;
}
