using Dapper;

namespace NewsSite.Core.Articles;

/// <summary>Writes of many articles at once: a generated corpus, a large import.</summary>
public sealed partial class ArticleRepository
{
    /// <summary>
    /// New articles through the same write as every other (slug, author, tags, search row, revision), all in one
    /// transaction: one commit for the batch instead of one per article. Derived slugs that collide get a suffix.
    /// Either the whole batch is stored or, if anything fails, none of it.
    /// </summary>
    public async Task<IReadOnlyList<ArticleWriteResult>> CreateBatchAsync(
        IReadOnlyList<(ArticleContent Content, ArticleOrigin Origin)> articles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var results = new List<ArticleWriteResult>(articles.Count);
        foreach (var (content, origin) in articles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(await WriteAsync(connection, transaction, existing: null, content, origin, suffixDerivedSlug: true));
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    /// <summary>How much the database holds: all articles (drafts and trash included), tags and authors.</summary>
    public async Task<(int Articles, int Tags, int Authors)> CountContentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<(int, int, int)>(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM tags), (SELECT count(*) FROM authors);");
    }
}
