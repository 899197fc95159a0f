using System.Text.Json;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// An article's co-authors (article_authors, 0021_authors_as_people.sql) as one JSON column of the reads that show
/// bylines: name and slug of each, in the byline's order.
/// </summary>
internal static class SqliteCoAuthors
{
    /// <summary>The column for the article row aliased <paramref name="article"/>; "[]" when it has none.</summary>
    public static string Column(string article) =>
        $"""
        (SELECT json_group_array(json_array(co.display_name, co.slug) ORDER BY aa.position)
         FROM article_authors aa JOIN authors co ON co.id = aa.author_id
         WHERE aa.article_id = {article}.id)
        """;
}
