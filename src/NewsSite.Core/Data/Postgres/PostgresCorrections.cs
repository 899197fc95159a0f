using Dapper;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Data.Postgres;

/// <summary>An article's corrections (table article_corrections), written within the article's unit of work.</summary>
internal static class PostgresCorrections
{
    /// <summary>
    /// Makes the rows the article's corrections: a correction already stored (same time and text) keeps its row and the
    /// revision that first carried it, a new one gets <paramref name="revision"/>, one the source no longer has goes.
    /// </summary>
    /// <param name="isNew">The article row was just inserted: it has no corrections yet, and a generated corpus of
    /// 100,000 articles without any costs no statement here.</param>
    public static async Task ReplaceAsync(PostgresUnitOfWork unit, long articleId, int revision, IReadOnlyList<ArticleCorrection> corrections, bool isNew)
    {
        if (isNew && corrections.Count == 0)
        {
            return;
        }

        var stored = (await unit.Connection.QueryAsync<(long Id, DateTimeOffset At, string Text)>(
            "SELECT id, corrected_at, text FROM article_corrections WHERE article_id = @ArticleId ORDER BY id;",
            new { ArticleId = articleId }, unit.Transaction)).ToList();
        if (stored.Count == 0 && corrections.Count == 0)
        {
            return;
        }

        foreach (var correction in corrections)
        {
            var kept = stored.FindIndex(row => SameMicrosecond(row.At, correction.At) && row.Text == correction.Text);
            if (kept >= 0)
            {
                stored.RemoveAt(kept);
                continue;
            }

            await unit.Connection.ExecuteAsync(
                """
                INSERT INTO article_corrections (article_id, corrected_at, text, revision)
                VALUES (@ArticleId, @At, @Text, @Revision);
                """,
                new { ArticleId = articleId, correction.At, correction.Text, Revision = revision }, unit.Transaction);
        }

        foreach (var gone in stored)
        {
            await unit.Connection.ExecuteAsync(
                "DELETE FROM article_corrections WHERE id = @Id;", new { gone.Id }, unit.Transaction);
        }
    }

    // timestamptz keeps microseconds, .NET ticks are tenths of them: a stored time is the same when the microsecond is.
    private static bool SameMicrosecond(DateTimeOffset stored, DateTimeOffset given) =>
        stored.UtcTicks / TimeSpan.TicksPerMicrosecond == given.UtcTicks / TimeSpan.TicksPerMicrosecond;
}
