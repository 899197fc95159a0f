using System.Globalization;
using System.Text;
using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Markdown;
using NewsSite.Core.Search;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// The search rows (table article_search, 0001_schema.sql): one tsvector per article, written with the article in its
/// unit of work. Its terms are <see cref="GermanSearchAnalyzer"/>'s, the same as SQLite's FTS5 rows hold, written as a
/// tsvector literal rather than through to_tsvector, so that PostgreSQL's own parser (which splits "e-mail" into three)
/// changes none of them. Weights: A title, B tags, C summary, D body.
/// </summary>
public sealed partial class PostgresSearchIndex
{
    // PostgreSQL keeps positions up to 16,383; later words are still found, only without a position of their own.
    private const int MaxPosition = 16_383;

    private const int MaxLexemeBytes = 2_047;

    /// <summary>Part of every article write: the search row is rebuilt from what was just stored, in the same unit.</summary>
    internal static async Task ReplaceRowAsync(PostgresUnitOfWork unit, long articleId)
    {
        var article = await unit.Connection.QuerySingleAsync<SearchSource>(
            SearchSource.Select + " WHERE a.id = @Id;", new { Id = articleId }, unit.Transaction);
        await WriteRowAsync(unit, article);
    }

    internal static async Task WriteRowAsync(PostgresUnitOfWork unit, SearchSource article)
    {
        var title = GermanSearchAnalyzer.Words(article.Title);
        var tags = GermanSearchAnalyzer.Words(article.Tags ?? "");
        var summary = GermanSearchAnalyzer.Words(article.Summary);
        var body = GermanSearchAnalyzer.Words(HtmlPlainText.FromHtml(article.BodyHtml));

        // The vocabulary for "Meinten Sie …?" gets the article's terms in one statement (an array), not one per term.
        await unit.Connection.ExecuteAsync(
            """
            INSERT INTO article_search (article_id, document) VALUES (@Id, @Document::tsvector)
            ON CONFLICT (article_id) DO UPDATE SET document = excluded.document;
            INSERT INTO search_terms (term) SELECT unnest(@Terms) ON CONFLICT DO NOTHING;
            """,
            new
            {
                article.Id,
                Document = Document((title, 'A'), (tags, 'B'), (summary, 'C'), (body, 'D')),
                Terms = title.Concat(tags).Concat(summary).Concat(body).Select(w => w.Term).Distinct(StringComparer.Ordinal).ToArray(),
            },
            unit.Transaction);
    }

    /// <summary>A tsvector literal: every term quoted, with its position and its field's weight.</summary>
    internal static string Document(params (IReadOnlyList<SearchWord> Words, char Weight)[] fields)
    {
        var text = new StringBuilder();
        var position = 0;
        foreach (var (words, weight) in fields)
        {
            foreach (var word in words)
            {
                // PostgreSQL refuses a lexeme of 2 KiB or more; no reader types such a word.
                if (Encoding.UTF8.GetByteCount(word.Term) >= MaxLexemeBytes)
                {
                    continue;
                }

                position = Math.Min(position + 1, MaxPosition);
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                AppendQuoted(text, word.Term);
                text.Append(':').Append(position.ToString(CultureInfo.InvariantCulture)).Append(weight);
            }
        }

        return text.ToString();
    }

    /// <summary>A lexeme quoted for a tsvector or tsquery literal: in single quotes, with quotes and backslashes doubled.</summary>
    internal static void AppendQuoted(StringBuilder text, string term)
    {
        text.Append('\'');
        foreach (var c in term)
        {
            if (c is '\'' or '\\')
            {
                text.Append(c);
            }

            text.Append(c);
        }

        text.Append('\'');
    }

    /// <summary>What an article's search row is made of, read back from the stored article: the tags by display name.</summary>
    internal sealed class SearchSource
    {
        public const string Select =
            """
            SELECT a.id AS Id, a.title AS Title, a.summary AS Summary, a.body_html AS BodyHtml,
                   (SELECT string_agg(t.display_name, ' ' ORDER BY at.position)
                    FROM article_tags at JOIN tags t ON t.id = at.tag_id
                    WHERE at.article_id = a.id) AS Tags
            FROM articles a
            """;

        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public string? Tags { get; init; }
    }
}
