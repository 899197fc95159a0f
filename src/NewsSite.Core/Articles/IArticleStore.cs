namespace NewsSite.Core.Articles;

/// <summary>
/// The article aggregate's writes: an article with its author, tags, search row, revision and journal entry, always
/// in one transaction. Public reads live in <see cref="IPublishedArticles"/> and <see cref="IArticleListings"/>.
/// </summary>
public interface IArticleStore
{
    /// <summary>All articles, drafts and trash included.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>How much the database holds: all articles (drafts and trash included), tags and authors.</summary>
    Task<(int Articles, int Tags, int Authors)> CountContentsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The importer's write: the file's path below the content folder identifies the article, so importing a changed
    /// file updates the article it created before, and an unchanged file is left alone. One transaction; with
    /// <paramref name="dryRun"/> everything is checked and then rolled back.
    /// </summary>
    Task<ArticleWriteResult> SaveAsync(
        ArticleContent content, ArticleOrigin origin, bool dryRun = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// The importer's write for many files: like <see cref="SaveAsync"/> for each article, but in one transaction with
    /// a savepoint per article, so that the batch costs one commit while each article stays all-or-nothing. An
    /// article the database refuses is rolled back to its savepoint and reported in its result; the others go on.
    /// With <paramref name="dryRun"/> every article is checked and rolled back. If the transaction as a whole fails,
    /// the exception propagates and nothing of the batch is stored: the caller can then save the articles one by one.
    /// </summary>
    Task<IReadOnlyList<BatchSaveResult>> SaveBatchAsync(
        IReadOnlyList<(ArticleContent Content, ArticleOrigin Origin)> articles, bool dryRun = false,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// New articles through the same write as every other, all in one transaction: one commit for the batch instead
    /// of one per article (a generated corpus). Derived slugs that collide get a suffix. All or nothing.
    /// </summary>
    Task<IReadOnlyList<ArticleWriteResult>> CreateBatchAsync(
        IReadOnlyList<(ArticleContent Content, ArticleOrigin Origin)> articles, CancellationToken cancellationToken = default);

    /// <summary>
    /// A new article from an editor (written in the admin or uploaded). Its address must be free: a slug that
    /// belongs to another article, now or formerly, is refused rather than suffixed, so that uploading the same
    /// file twice never yields a silent duplicate.
    /// </summary>
    /// <exception cref="ArticleConflictException">The slug or feed key belongs to another article.</exception>
    Task<ArticleWriteResult> CreateAsync(ArticleContent content, ArticleOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>
    /// An editor's save of an existing article. <paramref name="expectedRevision"/> is the revision the editor
    /// started from: if someone saved in between, nothing is written and <see cref="ArticleConcurrencyException"/>
    /// says who, so that no update is lost. Saving the unchanged source writes no revision.
    /// </summary>
    /// <exception cref="ArticleNotFoundException">There is no such article.</exception>
    Task<ArticleWriteResult> UpdateAsync(
        long articleId, int expectedRevision, ArticleContent content, ArticleOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>
    /// Many editor saves as one write (a bulk action of the article list, decision 0022): each article as
    /// <see cref="UpdateAsync"/> writes it (revision, tags, search row, audit entries of what its visibility did), all
    /// in one transaction, and one journal entry for every article readers could see before or after. All or nothing:
    /// if one article is gone or was saved by someone else since its revision was read, nothing is written.
    /// </summary>
    /// <exception cref="ArticleNotFoundException">An article does not exist (any more).</exception>
    /// <exception cref="ArticleConcurrencyException">An article has a newer revision than the one given.</exception>
    Task<IReadOnlyList<ArticleWriteResult>> UpdateManyAsync(
        IReadOnlyList<ArticleUpdate> updates, ArticleOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="SetTrashedAsync"/> for many articles as one write, with one journal entry: articles already where
    /// they should be are left alone (and not audited). All or nothing.
    /// </summary>
    /// <returns>How many articles moved.</returns>
    /// <exception cref="ArticleNotFoundException">An article does not exist (any more); nothing is changed.</exception>
    Task<int> SetTrashedManyAsync(IReadOnlyList<long> articleIds, bool trashed, string account, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the outline (table of contents, word count) of every article stored without one: those of a database
    /// from before outlines were kept. Idempotent; run at every start, it finds nothing to do afterwards.
    /// </summary>
    /// <returns>The number of articles completed.</returns>
    Task<int> FillMissingOutlinesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves an article to the trash or back. The row, its tags and revisions stay; only visibility changes. The act is
    /// recorded in the audit log as <paramref name="account"/>'s, in the same transaction.
    /// </summary>
    /// <returns>False when there is no such article.</returns>
    Task<bool> SetTrashedAsync(long articleId, bool trashed, string account, CancellationToken cancellationToken = default);

    /// <summary>A draft goes to the review queue („Zur Prüfung“); recorded in the audit log.</summary>
    Task<ReviewChange> SubmitForReviewAsync(long articleId, string account, CancellationToken cancellationToken = default);

    /// <summary>A draft waiting for review goes back to its writer with the reviewer's comment (kept in the audit log).</summary>
    Task<ReviewChange> ReturnFromReviewAsync(long articleId, string account, string comment, CancellationToken cancellationToken = default);
}
