using System.Data.Common;
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
        var anyPublic = false;
        foreach (var (content, origin) in articles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (result, isPublic) = await WriteAndJournalAsync(connection, transaction, existing: null, content, origin, suffixDerivedSlug: true);
            results.Add(result);
            anyPublic |= isPublic;
        }

        await CommitAndSignalAsync(transaction, anyPublic, cancellationToken);
        return results;
    }

    /// <summary>
    /// The importer's write for many files: like <see cref="SaveAsync"/> for each article, but in one transaction with
    /// a savepoint per article, so that the batch costs one commit while each article stays all-or-nothing. An
    /// article the database refuses is rolled back to its savepoint and reported in its result; the others go on.
    /// With <paramref name="dryRun"/> every article is checked and rolled back, each on its own as SaveAsync does.
    /// If the transaction as a whole fails (the commit, or an error SQLite answers by rolling everything back), the
    /// exception propagates and nothing of the batch is stored: the caller can then save the articles one by one.
    /// </summary>
    public async Task<IReadOnlyList<BatchSaveResult>> SaveBatchAsync(
        IReadOnlyList<(ArticleContent Content, ArticleOrigin Origin)> articles, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        const string Savepoint = "article";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var results = new List<BatchSaveResult>(articles.Count);
        var anyPublic = false;
        foreach (var (content, origin) in articles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await transaction.SaveAsync(Savepoint, cancellationToken);
            BatchSaveResult result;
            try
            {
                var (written, isPublic) = await SaveWithinAsync(connection, transaction, content, origin);
                result = new BatchSaveResult(written, null);
                anyPublic |= isPublic;
                if (dryRun)
                {
                    await transaction.RollbackAsync(Savepoint, cancellationToken);
                }
            }
#pragma warning disable CA1031 // Whatever one article fails with is its own result; the batch goes on.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Throws in turn when SQLite has already ended the transaction; then the whole batch is lost, as documented.
                await transaction.RollbackAsync(Savepoint, cancellationToken);
                result = new BatchSaveResult(null, e);
            }
#pragma warning restore CA1031

            await transaction.ReleaseAsync(Savepoint, cancellationToken);
            results.Add(result);
        }

        if (dryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        else
        {
            await CommitAndSignalAsync(transaction, anyPublic, cancellationToken);
        }

        return results;
    }

    /// <summary>
    /// An imported file's article within a transaction: found by its source key, left alone when its content hash is
    /// unchanged, else created or updated, and journaled when readers can tell.
    /// </summary>
    /// <returns>The write, and whether readers can tell.</returns>
    private async Task<(ArticleWriteResult Result, bool IsPublic)> SaveWithinAsync(
        DbConnection connection, DbTransaction transaction, ArticleContent content, ArticleOrigin origin)
    {
        var existing = origin.SourceKey is null ? null : await connection.QuerySingleOrDefaultAsync<StoredArticle>(
            StoredArticle.Select + " WHERE source_key = @SourceKey;", new { origin.SourceKey }, transaction);

        if (existing is not null && existing.ContentHash == content.ContentHash)
        {
            return (new ArticleWriteResult(ArticleWriteKind.Unchanged, existing.Id, existing.Slug, (int)existing.Revision), false);
        }

        return await WriteAndJournalAsync(connection, transaction, existing, content, origin, suffixDerivedSlug: true);
    }

    /// <summary>How much the database holds: all articles (drafts and trash included), tags and authors.</summary>
    public async Task<(int Articles, int Tags, int Authors)> CountContentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<(int, int, int)>(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM tags), (SELECT count(*) FROM authors);");
    }
}
