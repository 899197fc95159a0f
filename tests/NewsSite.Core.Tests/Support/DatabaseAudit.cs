using System.Data.Common;
using Dapper;

namespace NewsSite.Core.Tests.Support;

/// <summary>
/// Checks of a database's consistency that do not trust the code that wrote it: the counters and copied dates kept
/// by triggers (0006_scale.sql) against a recount, and every article against its parts. Each returns what is wrong,
/// one line per finding, empty when all agree. Shared with the web tests (linked into their project). Written in
/// SQLite's SQL; on a PostgreSQL connection the few words that differ are translated (<see cref="ForDialectOf"/>).
/// </summary>
public static class DatabaseAudit
{
    /// <summary>
    /// The audit's SQL for the database behind <paramref name="connection"/>: PostgreSQL has booleans where SQLite has
    /// 0 and 1, IS DISTINCT FROM for IS NOT, and the search row's key is article_id, not rowid.
    /// </summary>
    private static string ForDialectOf(DbConnection connection, string sql) =>
        connection is not Npgsql.NpgsqlConnection ? sql : System.Text.RegularExpressions.Regex.Replace(sql, @"\b(\w+\.)?is_draft = 0", "NOT $1is_draft")
            .Replace("IS NOT a.published_at", "IS DISTINCT FROM a.published_at", StringComparison.Ordinal)
            .Replace("s.rowid", "s.article_id", StringComparison.Ordinal);

    /// <summary>Every denormalized value recounted from the source rows.</summary>
    public static async Task<List<string>> CounterDisagreementsAsync(DbConnection connection) =>
        [.. await connection.QueryAsync<string>(ForDialectOf(connection,
            """
            SELECT 'tag ' || t.slug || ': ' || t.live_articles || ' statt ' ||
                   (SELECT count(*) FROM article_tags at JOIN articles a ON a.id = at.article_id
                    WHERE at.tag_id = t.id AND a.is_draft = 0 AND a.trashed_at IS NULL)
            FROM tags t
            WHERE t.live_articles <> (SELECT count(*) FROM article_tags at JOIN articles a ON a.id = at.article_id
                                      WHERE at.tag_id = t.id AND a.is_draft = 0 AND a.trashed_at IS NULL)
            UNION ALL
            SELECT 'autor ' || au.slug || ': ' || au.live_articles
            FROM authors au
            WHERE au.live_articles <> (SELECT count(*) FROM articles a
                                       WHERE (a.author_id = au.id
                                              OR a.id IN (SELECT article_id FROM article_authors WHERE author_id = au.id))
                                         AND a.is_draft = 0 AND a.trashed_at IS NULL)
            UNION ALL
            SELECT 'gesamt: ' || live_articles FROM article_totals
            WHERE live_articles <> (SELECT count(*) FROM articles WHERE is_draft = 0 AND trashed_at IS NULL)
            UNION ALL
            SELECT 'tag-zeile ' || at.article_id || '/' || at.tag_id
            FROM article_tags at JOIN articles a ON a.id = at.article_id
            WHERE at.published_at IS NOT a.published_at OR at.is_live <> (a.is_draft = 0 AND a.trashed_at IS NULL);
            """))];

    /// <summary>
    /// Articles missing a part (search row, current revision, an unbroken history 1..revision, its author), rows
    /// that belong to no article or tag, and a tag alias or former tag slug that a live tag has. What a half-written
    /// article or tag change would leave behind.
    /// </summary>
    public static async Task<List<string>> IncompleteArticlesAsync(DbConnection connection)
    {
        // The search row holds the title's terms (GermanSearchAnalyzer), so the comparison is made here, not in SQL.
        // PostgreSQL's row is one tsvector of every field: there each title term must be in it with the title's weight.
        if (connection is Npgsql.NpgsqlConnection)
        {
            var staleDocuments = (await connection.QueryAsync<(long Id, string Title, string[] TitleTerms)>(
                    """
                    SELECT a.id, a.title, ARRAY(SELECT lexeme FROM unnest(ts_filter(s.document, '{a}')) ORDER BY lexeme) AS TitleTerms
                    FROM articles a JOIN article_search s ON s.article_id = a.id;
                    """))
                .Where(r => !NewsSite.Core.Search.GermanSearchAnalyzer.Words(r.Title).Select(w => w.Term).Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal).SequenceEqual(r.TitleTerms.Order(StringComparer.Ordinal)))
                .Select(r => $"artikel {r.Id}: Suchzeile mit altem Titel „{string.Join(' ', r.TitleTerms)}“");
            return [.. staleDocuments, .. await IncompleteRowsAsync(connection)];
        }

        var stale = (await connection.QueryAsync<(long Id, string Title, string Indexed)>(
                "SELECT a.id, a.title, s.title FROM articles a JOIN article_search s ON s.rowid = a.id;"))
            .Where(r => r.Indexed != NewsSite.Core.Search.GermanSearchAnalyzer.IndexText(r.Title))
            .Select(r => $"artikel {r.Id}: Suchzeile mit altem Titel „{r.Indexed}“");
        return [.. stale, .. await IncompleteRowsAsync(connection)];
    }

    private static async Task<IEnumerable<string>> IncompleteRowsAsync(DbConnection connection) =>
        await connection.QueryAsync<string>(ForDialectOf(connection,
            """
            SELECT 'artikel ' || a.id || ': keine Suchzeile'
            FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.rowid = a.id)
            UNION ALL
            SELECT 'artikel ' || a.id || ': Version ' || a.revision || ' fehlt oder passt nicht'
            FROM articles a
            WHERE NOT EXISTS (SELECT 1 FROM revisions r
                              WHERE r.article_id = a.id AND r.number = a.revision AND r.content_hash = a.content_hash)
            UNION ALL
            SELECT 'artikel ' || a.id || ': ' || (SELECT count(*) FROM revisions r WHERE r.article_id = a.id)
                   || ' Versionen, aktuell ist ' || a.revision
            FROM articles a
            WHERE (SELECT count(*) FROM revisions r WHERE r.article_id = a.id) <> a.revision
               OR (SELECT max(number) FROM revisions r WHERE r.article_id = a.id) <> a.revision
            UNION ALL
            SELECT 'artikel ' || a.id || ': Autor fehlt' FROM articles a
            WHERE NOT EXISTS (SELECT 1 FROM authors au WHERE au.id = a.author_id)
            UNION ALL
            SELECT 'suchzeile ' || s.rowid || ' ohne Artikel' FROM article_search s
            WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.rowid)
            UNION ALL
            SELECT 'version ' || r.id || ' ohne Artikel' FROM revisions r
            WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = r.article_id)
            UNION ALL
            SELECT 'tag-zeile ' || at.article_id || '/' || at.tag_id || ' ohne Artikel oder Tag' FROM article_tags at
            WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = at.article_id)
               OR NOT EXISTS (SELECT 1 FROM tags t WHERE t.id = at.tag_id)
            UNION ALL
            SELECT 'weiterleitung ' || r.slug || ' ohne Artikel' FROM slug_redirects r
            WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = r.article_id)
            UNION ALL
            SELECT 'variante ' || x.variant || ' ist zugleich ein Schlagwort' FROM tag_aliases x
            WHERE EXISTS (SELECT 1 FROM tags t WHERE t.name_key = x.variant_key)
            UNION ALL
            SELECT 'schlagwort-weiterleitung ' || r.slug || ' auf einen lebenden Slug' FROM tag_redirects r
            WHERE EXISTS (SELECT 1 FROM tags t WHERE t.slug = r.slug);
            """));
}
