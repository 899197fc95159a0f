using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Audit;
using NewsSite.Core.Data.Stored;
using NewsSite.Core.Markdown;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// The article writes (tables articles, revisions, slug_redirects): each in one unit of work together with the
/// article's author (<see cref="PostgresAuthorStore"/>), tags (<see cref="PostgresArticleTags"/>), corrections
/// (<see cref="PostgresCorrections"/>), search row
/// (<see cref="PostgresSearchIndex"/>) and journal entry (<see cref="PostgresContentJournal"/>).
/// </summary>
public sealed partial class PostgresArticleStore(PostgresDatabase database, TimeProvider clock) : IArticleStore
{
    public Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.ExecuteScalarAsync<int>("SELECT count(*) FROM articles;"), cancellationToken);

    public Task<(int Articles, int Tags, int Authors)> CountContentsAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.QuerySingleAsync<(int, int, int)>(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM tags), (SELECT count(*) FROM authors);"),
            cancellationToken);

    public Task<ArticleWriteResult> SaveAsync(
        ArticleContent content, ArticleOrigin origin, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(origin);
        return database.WriteAsync(async unit =>
        {
            if (dryRun)
            {
                unit.RollBackAtEnd();
            }

            return await SaveWithinAsync(unit, content, origin);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<BatchSaveResult>> SaveBatchAsync(
        IReadOnlyList<(ArticleContent Content, ArticleOrigin Origin)> articles, bool dryRun = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        const string Savepoint = "article";
        return database.WriteAsync<IReadOnlyList<BatchSaveResult>>(async unit =>
        {
            if (dryRun)
            {
                unit.RollBackAtEnd();
            }

            var results = new List<BatchSaveResult>(articles.Count);
            foreach (var (content, origin) in articles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await unit.Transaction.SaveAsync(Savepoint, cancellationToken);
                BatchSaveResult result;
                try
                {
                    result = new BatchSaveResult(await SaveWithinAsync(unit, content, origin), null);
                    if (dryRun)
                    {
                        await unit.Transaction.RollbackAsync(Savepoint, cancellationToken);
                    }
                }
#pragma warning disable CA1031 // Whatever one article fails with is its own result; the batch goes on.
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed statement aborts the whole transaction in PostgreSQL; rolling back to the savepoint ends
                    // that, and the batch goes on. Throws in turn only when the connection is gone: then the whole batch
                    // is lost, as documented.
                    await unit.Transaction.RollbackAsync(Savepoint, cancellationToken);
                    result = new BatchSaveResult(null, PostgresErrors.Translate(e, cancellationToken) ?? e);
                }
#pragma warning restore CA1031

                await unit.Transaction.ReleaseAsync(Savepoint, cancellationToken);
                results.Add(result);
            }

            return results;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ArticleWriteResult>> CreateBatchAsync(
        IReadOnlyList<(ArticleContent Content, ArticleOrigin Origin)> articles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        return database.WriteAsync<IReadOnlyList<ArticleWriteResult>>(async unit =>
        {
            var results = new List<ArticleWriteResult>(articles.Count);
            foreach (var (content, origin) in articles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(await WriteAndJournalAsync(unit, existing: null, content, origin, suffixDerivedSlug: true));
            }

            return results;
        }, cancellationToken);
    }

    public Task<ArticleWriteResult> CreateAsync(ArticleContent content, ArticleOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(origin);
        return database.WriteAsync(
            unit => WriteAndJournalAsync(unit, existing: null, content, origin, suffixDerivedSlug: false), cancellationToken);
    }

    public Task<ArticleWriteResult> UpdateAsync(
        long articleId, int expectedRevision, ArticleContent content, ArticleOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(origin);
        return database.WriteAsync(async unit =>
        {
            // The unit holds the write lock already, so the revision read here cannot go stale.
            var existing = await unit.Connection.QuerySingleOrDefaultAsync<StoredArticle>(
                StoredArticle.Select + " WHERE id = @Id;", new { Id = articleId }, unit.Transaction)
                ?? throw new ArticleNotFoundException(articleId);

            await CheckRevisionAsync(unit, existing, expectedRevision);
            if (existing.ContentHash == content.ContentHash)
            {
                return new ArticleWriteResult(ArticleWriteKind.Unchanged, existing.Id, existing.Slug, existing.Revision);
            }

            return await WriteAndJournalAsync(unit, existing, content, origin, suffixDerivedSlug: true);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ArticleWriteResult>> UpdateManyAsync(
        IReadOnlyList<ArticleUpdate> updates, ArticleOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(origin);
        return database.WriteAsync<IReadOnlyList<ArticleWriteResult>>(async unit =>
        {
            var now = clock.GetUtcNow();
            var results = new List<ArticleWriteResult>(updates.Count);
            var changes = new List<(ArticleFootprint?, ArticleFootprint?)>(updates.Count);
            foreach (var update in updates)
            {
                var existing = await unit.Connection.QuerySingleOrDefaultAsync<StoredArticle>(
                    StoredArticle.Select + " WHERE id = @Id;", new { Id = update.ArticleId }, unit.Transaction)
                    ?? throw new ArticleNotFoundException(update.ArticleId);
                await CheckRevisionAsync(unit, existing, update.ExpectedRevision);
                if (existing.ContentHash == update.Content.ContentHash)
                {
                    results.Add(new ArticleWriteResult(ArticleWriteKind.Unchanged, existing.Id, existing.Slug, existing.Revision));
                    continue;
                }

                // As WriteAndJournalAsync, but the journal entry is one for the whole batch (as a tag merge's).
                var before = await PostgresContentJournal.ReadFootprintAsync(unit, existing.Id, now);
                var stateBefore = await ReadStateAsync(unit, existing.Id, now);
                var result = await WriteAsync(unit, existing, update.Content, origin, suffixDerivedSlug: true, now);
                changes.Add((before, await PostgresContentJournal.ReadFootprintAsync(unit, existing.Id, now)));
                await AuditVisibilityAsync(unit, existing.Id, stateBefore, origin, now);
                results.Add(result);
            }

            await PostgresContentJournal.RecordArticleChangesAsync(unit, changes, now);
            return results;
        }, cancellationToken);
    }

    public Task<int> SetTrashedManyAsync(IReadOnlyList<long> articleIds, bool trashed, string account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        ArgumentNullException.ThrowIfNull(account);
        return database.WriteAsync(async unit =>
        {
            var now = clock.GetUtcNow();
            var changes = new List<(ArticleFootprint?, ArticleFootprint?)>(articleIds.Count);
            foreach (var id in articleIds.Distinct())
            {
                var state = await ReadStateAsync(unit, id, now) ?? throw new ArticleNotFoundException(id);
                if (state.Trashed == trashed)
                {
                    continue;
                }

                var before = await PostgresContentJournal.ReadFootprintAsync(unit, id, now);
                await MoveToTrashAsync(unit, id, trashed, now);
                changes.Add((before, await PostgresContentJournal.ReadFootprintAsync(unit, id, now)));
                await PostgresAuditLog.RecordWithinAsync(
                    unit, new AuditEvent(account, trashed ? AuditAction.Trashed : AuditAction.Restored, id, state.Title), now);
            }

            await PostgresContentJournal.RecordArticleChangesAsync(unit, changes, now);
            return changes.Count;
        }, cancellationToken);
    }

    /// <summary>Someone saved the article since the editor read <paramref name="expectedRevision"/>: refused, naming who.</summary>
    private static async Task CheckRevisionAsync(PostgresUnitOfWork unit, StoredArticle existing, int expectedRevision)
    {
        if (existing.Revision == expectedRevision)
        {
            return;
        }

        var latest = await unit.Connection.QuerySingleAsync<(string Detail, DateTimeOffset CreatedAt)>(
            "SELECT origin_detail, created_at FROM revisions WHERE article_id = @Id ORDER BY number DESC LIMIT 1;",
            new { existing.Id }, unit.Transaction);
        throw new ArticleConcurrencyException(existing.Revision, latest.Detail, latest.CreatedAt);
    }

    private static Task<int> MoveToTrashAsync(PostgresUnitOfWork unit, long articleId, bool trashed, DateTimeOffset now) =>
        unit.Connection.ExecuteAsync(
            trashed
                ? "UPDATE articles SET trashed_at = coalesce(trashed_at, @Now), modified_at = @Now WHERE id = @Id;"
                : "UPDATE articles SET trashed_at = NULL, modified_at = @Now WHERE id = @Id;",
            new { Id = articleId, Now = now }, unit.Transaction);

    public Task<bool> SetTrashedAsync(long articleId, bool trashed, string account, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var now = clock.GetUtcNow();
            var before = await PostgresContentJournal.ReadFootprintAsync(unit, articleId, now);
            if (before is null)
            {
                return false;
            }

            var stateBefore = await ReadStateAsync(unit, articleId, now);

            await MoveToTrashAsync(unit, articleId, trashed, now);
            var after = await PostgresContentJournal.ReadFootprintAsync(unit, articleId, now);
            await PostgresContentJournal.RecordArticleChangeAsync(unit, before, after, now);
            if (stateBefore!.Trashed != trashed)
            {
                await PostgresAuditLog.RecordWithinAsync(
                    unit, new AuditEvent(account, trashed ? AuditAction.Trashed : AuditAction.Restored, articleId, stateBefore.Title), now);
            }

            return true;
        }, cancellationToken);

    public async Task<int> FillMissingOutlinesAsync(CancellationToken cancellationToken = default)
    {
        // In batches, each its own transaction: 100,000 bodies never sit in memory at once, nor hold the lock for long.
        const int BatchSize = 500;
        var filled = 0;
        while (true)
        {
            var batch = await database.WriteAsync(async unit =>
            {
                var missing = (await unit.Connection.QueryAsync<(long Id, string BodyHtml)>(
                    "SELECT id, body_html FROM articles WHERE outline IS NULL LIMIT @Limit;", new { Limit = BatchSize }, unit.Transaction)).ToList();
                foreach (var (id, bodyHtml) in missing)
                {
                    await unit.Connection.ExecuteAsync(
                        "UPDATE articles SET outline = @Outline WHERE id = @Id;",
                        new { Id = id, Outline = OutlineJson.Write(ArticleOutline.Of(bodyHtml)) }, unit.Transaction);
                }

                return missing.Count;
            }, cancellationToken);
            filled += batch;
            if (batch < BatchSize)
            {
                return filled;
            }
        }
    }

    /// <summary>
    /// An imported file's article within the unit: found by its source key, left alone when its content hash is
    /// unchanged, else created or updated, and journaled when readers can tell.
    /// </summary>
    private async Task<ArticleWriteResult> SaveWithinAsync(PostgresUnitOfWork unit, ArticleContent content, ArticleOrigin origin)
    {
        var existing = origin.SourceKey is null ? null : await unit.Connection.QuerySingleOrDefaultAsync<StoredArticle>(
            StoredArticle.Select + " WHERE source_key = @SourceKey;", new { origin.SourceKey }, unit.Transaction);

        if (existing is not null && existing.ContentHash == content.ContentHash)
        {
            return new ArticleWriteResult(ArticleWriteKind.Unchanged, existing.Id, existing.Slug, existing.Revision);
        }

        return await WriteAndJournalAsync(unit, existing, content, origin, suffixDerivedSlug: true);
    }

    /// <summary><see cref="WriteAsync"/> plus its journal entry: what readers saw of the article before and see after.</summary>
    private async Task<ArticleWriteResult> WriteAndJournalAsync(
        PostgresUnitOfWork unit, StoredArticle? existing, ArticleContent content, ArticleOrigin origin, bool suffixDerivedSlug)
    {
        var now = clock.GetUtcNow();
        var before = existing is null ? null : await PostgresContentJournal.ReadFootprintAsync(unit, existing.Id, now);
        var stateBefore = existing is null ? null : await ReadStateAsync(unit, existing.Id, now);
        var result = await WriteAsync(unit, existing, content, origin, suffixDerivedSlug, now);
        var after = await PostgresContentJournal.ReadFootprintAsync(unit, result.ArticleId, now);
        await PostgresContentJournal.RecordArticleChangeAsync(unit, before, after, now);
        await AuditVisibilityAsync(unit, result.ArticleId, stateBefore, origin, now);
        return result;
    }

    private static async Task<ArticleWriteResult> WriteAsync(
        PostgresUnitOfWork unit, StoredArticle? existing, ArticleContent content, ArticleOrigin origin, bool suffixDerivedSlug,
        DateTimeOffset now)
    {
        var ressortId = await ResolveRessortAsync(unit, content.Ressort);
        var slug = await ChooseSlugAsync(unit, content, existing, suffixDerivedSlug);
        var authorId = await PostgresAuthorStore.UpsertAsync(unit, content.AuthorName);
        var publishedAt = content.PublishedAt
            ?? existing?.PublishedAt
            ?? (content.IsDraft ? null : now);

        var articleId = existing?.Id ?? 0;
        var revision = existing is null ? 1 : existing.Revision + 1;
        var row = new
        {
            Id = articleId,
            Slug = slug,
            content.Title,
            content.Summary,
            AuthorId = authorId,
            PublishedAt = publishedAt,
            content.UpdatedAt,
            content.IsDraft,
            content.BodyHtml,
            content.ContentHash,
            origin.SourceKey,
            Revision = revision,
            Now = now,
            content.RequestedFeedKey,
            Outline = OutlineJson.Write(ArticleOutline.Of(content.BodyHtml)),
            RessortId = ressortId,
            LeadPicture = LeadPictureJson.Write(content.LeadPicture),
            Owner = origin.Kind == RevisionOrigin.Editor ? origin.Detail : null,
        };

        if (existing is null)
        {
            await CheckFeedKeyIsFreeAsync(unit, content.RequestedFeedKey);
            articleId = await unit.Connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO articles (slug, title, summary, author_id, published_at, updated_at, is_draft, body_html,
                                      content_hash, source_key, revision, created_at, modified_at, feed_key, outline, ressort_id, lead_picture,
                                      owner)
                VALUES (@Slug, @Title, @Summary, @AuthorId, @PublishedAt, @UpdatedAt, @IsDraft, @BodyHtml,
                        @ContentHash, @SourceKey, @Revision, @Now, @Now, @RequestedFeedKey, @Outline, @RessortId, @LeadPicture,
                        @Owner)
                RETURNING id;
                """,
                row, unit.Transaction);
            if (content.RequestedFeedKey is null)
            {
                await GiveNewFeedKeyAsync(unit, articleId);
            }
        }
        else
        {
            if (content.RequestedFeedKey is { } requested && requested != existing.FeedKey)
            {
                throw ArticleConflictException.FeedKeyChanged(existing.FeedKey ?? "");
            }

            await unit.Connection.ExecuteAsync(
                """
                UPDATE articles
                SET slug = @Slug, title = @Title, summary = @Summary, author_id = @AuthorId,
                    published_at = @PublishedAt, updated_at = @UpdatedAt, is_draft = @IsDraft, body_html = @BodyHtml,
                    content_hash = @ContentHash, revision = @Revision, modified_at = @Now, outline = @Outline,
                    ressort_id = @RessortId,
                    lead_picture = @LeadPicture,
                    review_state = CASE WHEN @IsDraft THEN review_state END
                WHERE id = @Id;
                """,
                row, unit.Transaction);
            await KeepOldSlugAsync(unit, articleId, existing.Slug, slug, row.Now);
        }

        await PostgresArticleTags.ReplaceAsync(unit, articleId, content.Tags);
        await PostgresAuthorStore.ReplaceCoAuthorsAsync(unit, articleId, authorId, content.CoAuthorNames);
        await PostgresCorrections.ReplaceAsync(unit, articleId, revision, content.Corrections, isNew: existing is null);
        await PostgresSearchIndex.ReplaceRowAsync(unit, articleId);

        await unit.Connection.ExecuteAsync(
            """
            INSERT INTO revisions (article_id, number, markdown, content_hash, origin, origin_detail, created_at)
            VALUES (@ArticleId, @Number, @Markdown, @ContentHash, @Origin, @OriginDetail, @Now);
            """,
            new
            {
                ArticleId = articleId,
                Number = revision,
                content.Markdown,
                content.ContentHash,
                Origin = RevisionOrigins.OriginText(origin.Kind),
                OriginDetail = origin.Detail,
                row.Now,
            },
            unit.Transaction);

        return new ArticleWriteResult(existing is null ? ArticleWriteKind.Created : ArticleWriteKind.Updated, articleId, slug, revision);
    }

    /// <summary>
    /// The Ressort the front matter names, before anything of the article is written: an unknown one is refused with
    /// the known ones named, so that a typo never files an article nowhere.
    /// </summary>
    private static async Task<long?> ResolveRessortAsync(PostgresUnitOfWork unit, string? ressort)
    {
        if (ressort is null)
        {
            return null;
        }

        var (id, known) = await PostgresRessortStore.ResolveAsync(unit, ressort);
        return id ?? throw ArticleConflictException.UnknownRessort(ressort, known);
    }

    /// <summary>
    /// A requested feed key is kept only if no other article has it; refused rather than replaced, like an explicit
    /// slug, so that a file uploaded twice never takes another article's id.
    /// </summary>
    private static async Task CheckFeedKeyIsFreeAsync(PostgresUnitOfWork unit, string? feedKey)
    {
        if (feedKey is null)
        {
            return;
        }

        var holder = await unit.Connection.ExecuteScalarAsync<string?>(
            "SELECT slug FROM articles WHERE feed_key = @FeedKey;", new { FeedKey = feedKey }, unit.Transaction);
        if (holder is not null)
        {
            throw ArticleConflictException.FeedKeyTaken(feedKey, holder);
        }
    }

    /// <summary>
    /// The key every article got before keys were stored (SQLite's 0007_feed_keys.sql, the same formula): the UTC day
    /// of created_at and the row id. An imported article may already hold exactly that key (it had this id on its
    /// first site); then a counter follows, "-2", "-3", ….
    /// </summary>
    private static async Task GiveNewFeedKeyAsync(PostgresUnitOfWork unit, long articleId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var given = await unit.Connection.ExecuteAsync(
                """
                UPDATE articles
                SET feed_key = to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ':artikel/' || id
                               || CASE WHEN @Attempt = 1 THEN '' ELSE '-' || @Attempt END
                WHERE id = @Id
                  AND NOT EXISTS (SELECT 1 FROM articles o
                                  WHERE o.feed_key = to_char(articles.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ':artikel/'
                                                     || articles.id || CASE WHEN @Attempt = 1 THEN '' ELSE '-' || @Attempt END);
                """,
                new { Id = articleId, Attempt = attempt }, unit.Transaction);
            if (given == 1)
            {
                return;
            }
        }
    }

    /// <summary>The old address keeps answering (with a redirect); taking back an old address makes it live again.</summary>
    private static async Task KeepOldSlugAsync(PostgresUnitOfWork unit, long articleId, string oldSlug, string newSlug, DateTimeOffset now)
    {
        if (oldSlug == newSlug)
        {
            return;
        }

        await unit.Connection.ExecuteAsync(
            """
            DELETE FROM slug_redirects WHERE slug = @NewSlug AND article_id = @ArticleId;
            INSERT INTO slug_redirects (slug, article_id, created_at) VALUES (@OldSlug, @ArticleId, @Now);
            """,
            new { ArticleId = articleId, OldSlug = oldSlug, NewSlug = newSlug, Now = now }, unit.Transaction);
    }

    private static async Task<string> ChooseSlugAsync(
        PostgresUnitOfWork unit, ArticleContent content, StoredArticle? existing, bool suffixDerivedSlug)
    {
        // A slug is taken by another article's current address and by its former ones, which still redirect to it.
        async Task<bool> IsTaken(string slug) => await unit.Connection.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM articles WHERE slug = @Slug AND id <> @Id)
                OR EXISTS (SELECT 1 FROM slug_redirects WHERE slug = @Slug AND article_id <> @Id);
            """,
            new { Slug = slug, Id = existing?.Id ?? 0 }, unit.Transaction);

        if (content.RequestedSlug is { } requested)
        {
            return await IsTaken(requested) ? throw ArticleConflictException.SlugTaken(requested) : requested;
        }

        // Without an explicit slug an article keeps the URL it was first published under, even if the title changes.
        if (existing is not null)
        {
            return existing.Slug;
        }

        var derived = Slug.FromText(content.Title, fallback: "artikel");
        if (!suffixDerivedSlug && await IsTaken(derived))
        {
            throw ArticleConflictException.DerivedSlugTaken(derived);
        }

        return await Slug.MakeUniqueAsync(derived, IsTaken);
    }

    private sealed class StoredArticle
    {
        public const string Select =
            "SELECT id AS Id, slug AS Slug, content_hash AS ContentHash, revision AS Revision, published_at AS PublishedAt, " +
            "feed_key AS FeedKey FROM articles";

        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string ContentHash { get; init; } = "";
        public int Revision { get; init; }
        public DateTimeOffset? PublishedAt { get; init; }
        public string? FeedKey { get; init; }
    }
}
