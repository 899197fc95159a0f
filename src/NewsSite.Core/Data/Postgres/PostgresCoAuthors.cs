namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// An article's co-authors (article_authors) as one JSON column of the reads that show bylines: [name, slug] of each,
/// in the byline's order, as text for <see cref="Stored.CoAuthorJson"/>; "[]" when it has none.
/// </summary>
internal static class PostgresCoAuthors
{
    /// <summary>The column for the article row aliased <paramref name="article"/>.</summary>
    public static string Column(string article) =>
        $"""
        (SELECT coalesce(json_agg(json_build_array(co.display_name, co.slug) ORDER BY aa.position), '[]')::text
         FROM article_authors aa JOIN authors co ON co.id = aa.author_id
         WHERE aa.article_id = {article}.id)
        """;
}
