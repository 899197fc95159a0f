using System.Data.Common;
using Dapper;
using NewsSite.Core.Data;
using NewsSite.Core.Tags;

namespace NewsSite.Core.Articles;

/// <summary>
/// All SQL of the article aggregate (articles, their authors, tags and revisions) in one place, each statement
/// next to the method that runs it. A second database dialect adds a sibling of this class, not a rewrite.
/// Public reads take "now" so that drafts and future-dated articles stay hidden until their time.
/// </summary>
/// <param name="changeSignal">Told after each committed public change; null where no cache listens (tests, commands).</param>
public sealed partial class ArticleRepository(Database database, TimeProvider clock, ContentChangeSignal? changeSignal = null)
{
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM articles;");
    }

    /// <summary>
    /// The importer's write: the file's path below the content folder identifies the article, so importing a changed
    /// file updates the article it created before, and an unchanged file is left alone. One transaction; with
    /// <paramref name="dryRun"/> everything is checked and then rolled back.
    /// </summary>
    public async Task<ArticleWriteResult> SaveAsync(
        ArticleContent content, ArticleOrigin origin, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(origin);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (result, isPublic) = await SaveWithinAsync(connection, transaction, content, origin);
        if (dryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        else
        {
            await CommitAndSignalAsync(transaction, isPublic, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// A new article from an editor (written in the admin or uploaded). Its address must be free: a slug that
    /// belongs to another article, now or formerly, is refused rather than suffixed, so that uploading the same
    /// file twice never yields a silent duplicate.
    /// </summary>
    public async Task<ArticleWriteResult> CreateAsync(
        ArticleContent content, ArticleOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(origin);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (result, isPublic) = await WriteAndJournalAsync(connection, transaction, existing: null, content, origin, suffixDerivedSlug: false);
        await CommitAndSignalAsync(transaction, isPublic, cancellationToken);
        return result;
    }

    /// <summary>
    /// An editor's save of an existing article. <paramref name="expectedRevision"/> is the revision the editor
    /// started from: if someone saved in between, nothing is written and <see cref="ArticleConcurrencyException"/>
    /// says who, so that no update is lost. Saving the unchanged source writes no revision.
    /// </summary>
    public async Task<ArticleWriteResult> UpdateAsync(
        long articleId, int expectedRevision, ArticleContent content, ArticleOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(origin);

        await using var connection = await database.OpenAsync(cancellationToken);

        // BEGIN IMMEDIATE (the default here) takes the write lock first, so the revision read below cannot go stale.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await connection.QuerySingleOrDefaultAsync<StoredArticle>(
            StoredArticle.Select + " WHERE id = @Id;", new { Id = articleId }, transaction)
            ?? throw new ArticleNotFoundException(articleId);

        if (existing.Revision != expectedRevision)
        {
            var latest = await connection.QuerySingleAsync<(string Detail, string CreatedAt)>(
                "SELECT origin_detail, created_at FROM revisions WHERE article_id = @Id ORDER BY number DESC LIMIT 1;",
                new { Id = articleId }, transaction);
            throw new ArticleConcurrencyException((int)existing.Revision, latest.Detail, SqliteDates.FromText(latest.CreatedAt));
        }

        if (existing.ContentHash == content.ContentHash)
        {
            return new ArticleWriteResult(ArticleWriteKind.Unchanged, existing.Id, existing.Slug, (int)existing.Revision);
        }

        var (result, isPublic) = await WriteAndJournalAsync(connection, transaction, existing, content, origin, suffixDerivedSlug: true);
        await CommitAndSignalAsync(transaction, isPublic, cancellationToken);
        return result;
    }

    /// <summary>Moves an article to the trash or back. The row, its tags and revisions stay; only visibility changes.</summary>
    /// <returns>False when there is no such article.</returns>
    public async Task<bool> SetTrashedAsync(long articleId, bool trashed, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var before = await ReadFootprintAsync(connection, transaction, articleId, now);
        if (before is null)
        {
            return false;
        }

        await connection.ExecuteAsync(
            trashed
                ? "UPDATE articles SET trashed_at = coalesce(trashed_at, @Now), modified_at = @Now WHERE id = @Id;"
                : "UPDATE articles SET trashed_at = NULL, modified_at = @Now WHERE id = @Id;",
            new { Id = articleId, Now = SqliteDates.ToText(now) }, transaction);
        var after = await ReadFootprintAsync(connection, transaction, articleId, now);
        var isPublic = await RecordArticleChangeAsync(connection, transaction, before, after, now);
        await CommitAndSignalAsync(transaction, isPublic, cancellationToken);
        return true;
    }

    /// <summary>
    /// <see cref="WriteAsync"/> plus its journal entry: what readers saw of the article before and see after.
    /// </summary>
    /// <returns>The write, and whether readers can tell (then caches must evict).</returns>
    private async Task<(ArticleWriteResult Result, bool IsPublic)> WriteAndJournalAsync(
        DbConnection connection, DbTransaction transaction, StoredArticle? existing, ArticleContent content,
        ArticleOrigin origin, bool suffixDerivedSlug)
    {
        var now = clock.GetUtcNow();
        var before = existing is null ? null : await ReadFootprintAsync(connection, transaction, existing.Id, now);
        var result = await WriteAsync(connection, transaction, existing, content, origin, suffixDerivedSlug);
        var after = await ReadFootprintAsync(connection, transaction, result.ArticleId, now);
        return (result, await RecordArticleChangeAsync(connection, transaction, before, after, now));
    }

    private async Task<ArticleWriteResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, StoredArticle? existing, ArticleContent content,
        ArticleOrigin origin, bool suffixDerivedSlug)
    {
        var now = clock.GetUtcNow();
        var slug = await ChooseSlugAsync(connection, transaction, content, existing, suffixDerivedSlug);
        var authorId = await UpsertAuthorAsync(connection, transaction, content.AuthorName);
        var publishedAt = content.PublishedAt
            ?? SqliteDates.FromNullableText(existing?.PublishedAt)
            ?? (content.IsDraft ? null : now);

        var articleId = existing?.Id ?? 0;
        var revision = existing is null ? 1 : (int)existing.Revision + 1;
        var row = new
        {
            Id = articleId,
            Slug = slug,
            content.Title,
            content.Summary,
            AuthorId = authorId,
            PublishedAt = SqliteDates.ToText(publishedAt),
            UpdatedAt = SqliteDates.ToText(content.UpdatedAt),
            IsDraft = content.IsDraft ? 1 : 0,
            content.BodyHtml,
            content.ContentHash,
            origin.SourceKey,
            Revision = revision,
            Now = SqliteDates.ToText(now),
            content.RequestedFeedKey,
        };

        if (existing is null)
        {
            await CheckFeedKeyIsFreeAsync(connection, transaction, content.RequestedFeedKey);
            articleId = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO articles (slug, title, summary, author_id, published_at, updated_at, is_draft, body_html,
                                      content_hash, source_key, revision, created_at, modified_at, feed_key)
                VALUES (@Slug, @Title, @Summary, @AuthorId, @PublishedAt, @UpdatedAt, @IsDraft, @BodyHtml,
                        @ContentHash, @SourceKey, @Revision, @Now, @Now, @RequestedFeedKey)
                RETURNING id;
                """,
                row, transaction);
            if (content.RequestedFeedKey is null)
            {
                await GiveNewFeedKeyAsync(connection, transaction, articleId);
            }
        }
        else
        {
            CheckFeedKeyIsKept(existing, content.RequestedFeedKey);
            await connection.ExecuteAsync(
                """
                UPDATE articles
                SET slug = @Slug, title = @Title, summary = @Summary, author_id = @AuthorId,
                    published_at = @PublishedAt, updated_at = @UpdatedAt, is_draft = @IsDraft, body_html = @BodyHtml,
                    content_hash = @ContentHash, revision = @Revision, modified_at = @Now
                WHERE id = @Id;
                """,
                row, transaction);
            await KeepOldSlugAsync(connection, transaction, articleId, existing.Slug, slug, row.Now);
        }

        await ReplaceTagsAsync(connection, transaction, articleId, content.Tags);
        await ReplaceSearchRowAsync(connection, transaction, articleId);

        await connection.ExecuteAsync(
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
                Origin = origin.Kind == RevisionOrigin.Import ? "import" : "editor",
                OriginDetail = origin.Detail,
                row.Now,
            },
            transaction);

        return new ArticleWriteResult(existing is null ? ArticleWriteKind.Created : ArticleWriteKind.Updated, articleId, slug, revision);
    }

    /// <summary>
    /// An exported article brings its feed key along, and keeps it only if no other article has it: two articles with
    /// one feed id would be one entry to a feed reader. Refused rather than replaced, like an explicit slug, so that a
    /// file uploaded twice never takes another article's id and a stored source never names a key that is not its own.
    /// </summary>
    private static async Task CheckFeedKeyIsFreeAsync(DbConnection connection, DbTransaction transaction, string? feedKey)
    {
        if (feedKey is null)
        {
            return;
        }

        var holder = await connection.ExecuteScalarAsync<string?>(
            "SELECT slug FROM articles WHERE feed_key = @FeedKey;", new { FeedKey = feedKey }, transaction);
        if (holder is not null)
        {
            throw new ArticleConflictException(
                $"Die Feed-ID „{feedKey}“ gehört schon einem anderen Artikel (/artikel/{holder}). Ist dies ein neuer Artikel, " +
                $"bitte die Zeile „{FeedKey.Field}: …“ entfernen; er bekommt dann eine eigene.", FeedKey.Field);
        }
    }

    /// <summary>
    /// The key every article got before keys were stored (see 0007_feed_keys.sql, the same formula): the UTC day of
    /// created_at and the row id. An imported article may already hold exactly that key (it had this id on its
    /// first site); then a counter follows, "-2", "-3", ….
    /// </summary>
    private static async Task GiveNewFeedKeyAsync(DbConnection connection, DbTransaction transaction, long articleId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var given = await connection.ExecuteAsync(
                """
                UPDATE articles
                SET feed_key = substr(created_at, 1, 10) || ':artikel/' || id || iif(@Attempt = 1, '', '-' || @Attempt)
                WHERE id = @Id
                  AND NOT EXISTS (SELECT 1 FROM articles o
                                  WHERE o.feed_key = substr(articles.created_at, 1, 10) || ':artikel/' || articles.id
                                                     || iif(@Attempt = 1, '', '-' || @Attempt));
                """,
                new { Id = articleId, Attempt = attempt }, transaction);
            if (given == 1)
            {
                return;
            }
        }
    }

    /// <summary>
    /// An article's feed key never changes, or readers would show it again as new. A source may name it (an imported
    /// export does) or leave it out; naming another is refused, so that an edit of that line is not silently lost.
    /// </summary>
    private static void CheckFeedKeyIsKept(StoredArticle existing, string? requested)
    {
        if (requested is not null && requested != existing.FeedKey)
        {
            throw new ArticleConflictException(
                $"Die Feed-ID eines Artikels lässt sich nicht ändern, sonst zeigen Feed-Reader ihn als neuen Eintrag. " +
                $"Dieser Artikel hat „{existing.FeedKey}“; bitte die Zeile „{FeedKey.Field}: …“ darauf zurücksetzen oder entfernen.",
                FeedKey.Field);
        }
    }

    /// <summary>The old address keeps answering (with a redirect); taking back an old address makes it live again.</summary>
    private static async Task KeepOldSlugAsync(
        DbConnection connection, DbTransaction transaction, long articleId, string oldSlug, string newSlug, string now)
    {
        if (oldSlug == newSlug)
        {
            return;
        }

        await connection.ExecuteAsync(
            """
            DELETE FROM slug_redirects WHERE slug = @NewSlug AND article_id = @ArticleId;
            INSERT INTO slug_redirects (slug, article_id, created_at) VALUES (@OldSlug, @ArticleId, @Now);
            """,
            new { ArticleId = articleId, OldSlug = oldSlug, NewSlug = newSlug, Now = now }, transaction);
    }

    public async Task<PublishedArticle?> FindPublishedAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(
            $"""
            SELECT a.id AS Id, a.slug AS Slug, a.title AS Title, a.summary AS Summary, a.body_html AS BodyHtml,
                   au.display_name AS AuthorName, au.slug AS AuthorSlug,
                   a.published_at AS PublishedAt, a.updated_at AS UpdatedAt, a.feed_key AS FeedKey
            FROM articles a
            JOIN authors au ON au.id = a.author_id
            WHERE a.slug = @Slug AND {VisibleSql};

            SELECT t.display_name AS Name, t.slug AS Slug
            FROM articles a
            JOIN article_tags at ON at.article_id = a.id
            JOIN tags t ON t.id = at.tag_id
            WHERE a.slug = @Slug
            ORDER BY at.position;
            """,
            new { Slug = slug, Now = SqliteDates.ToText(now) });

        var row = await results.ReadSingleOrDefaultAsync<ArticleRow>();
        var tags = (await results.ReadAsync<TagLink>()).ToList();
        return row?.ToArticle(tags);
    }

    /// <summary>A page of the published articles of a scope, newest first: the home page, a tag's, an author's.</summary>
    /// <remarks>
    /// A page is found by skipping index entries (OFFSET), which costs as many steps as there are entries before it.
    /// Past the middle, the page is read from the oldest end instead, so no page skips more than half of its listing:
    /// the last page of a tag with 30,000 articles is as cheap as the first. Count and page are read in one read
    /// transaction, so that both see the same articles.
    /// </remarks>
    public async Task<PagedList<ArticleTeaser>> ListPublishedAsync(
        ArticleScope scope, int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Deferred: a read transaction, which takes no write lock.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var total = await connection.ExecuteScalarAsync<int>(VisibleCountSql(scope), ScopeParameters(scope, now, pageSize), transaction);

        var offset = Offset(page, pageSize);
        var fromOldest = offset * 2 > total;
        var parameters = fromOldest
            ? ScopeParameters(scope, now, limit: (int)Math.Clamp(total - offset, 0, pageSize), offset: Math.Max(0, total - offset - pageSize))
            : ScopeParameters(scope, now, pageSize, offset);
        var rows = await connection.QueryAsync<TeaserRow>(
            $"""
            WITH page AS ({PageOfIdsSql(scope, newestFirst: !fromOldest)})
            SELECT a.slug AS Slug, a.title AS Title, a.summary AS Summary,
                   au.display_name AS AuthorName, au.slug AS AuthorSlug, a.published_at AS PublishedAt
            FROM page p
            JOIN articles a ON a.id = p.id
            JOIN authors au ON au.id = a.author_id
            ORDER BY p.published_at DESC, p.id DESC;
            """,
            parameters, transaction);

        var items = rows
            .Select(r => new ArticleTeaser(r.Slug, r.Title, r.Summary, r.AuthorName, r.AuthorSlug, SqliteDates.FromText(r.PublishedAt)))
            .ToList();
        return new PagedList<ArticleTeaser>(items, page, pageSize, total);
    }

    // Live: neither a draft nor in the trash; the partial indexes' WHERE and what the counters count.
    private const string LiveSql = "a.is_draft = 0 AND a.trashed_at IS NULL";

    // Published: live, and its time has come.
    private const string VisibleSql = LiveSql + " AND a.published_at <= @Now";

    // Scheduled: live, but not yet due.
    private const string ScheduledSql = LiveSql + " AND a.published_at > @Now";

    /// <summary>
    /// The ids and dates (columns id, published_at) of one page of a scope's published articles, newest first, read
    /// from a single index without touching the articles' rows, so that even a page deep in a big tag only steps
    /// through index entries: ix_articles_live, ix_articles_author_live or, for a tag, ix_article_tags_tag with the
    /// copied dates. One statement per scope rather than "@Slug IS NULL OR …", so that SQLite plans each with its
    /// own index. Read from the oldest end with <paramref name="newestFirst"/> false, walking the same index
    /// backwards. Parameters from <see cref="ScopeParameters"/>.
    /// </summary>
    internal static string PageOfIdsSql(ArticleScope scope, bool newestFirst = true)
    {
        var order = newestFirst ? "DESC" : "ASC";
        return scope.Kind switch
        {
            ArticleScopeKind.Site =>
                $"""
                SELECT a.id, a.published_at FROM articles a
                WHERE {VisibleSql}
                ORDER BY a.published_at {order}, a.id {order} LIMIT @Limit OFFSET @Offset
                """,
            ArticleScopeKind.Tag =>
                $"""
                SELECT at.article_id AS id, at.published_at FROM article_tags at
                WHERE at.tag_id = (SELECT id FROM tags WHERE slug = @Slug) AND at.is_live = 1 AND at.published_at <= @Now
                ORDER BY at.published_at {order}, at.article_id {order} LIMIT @Limit OFFSET @Offset
                """,
            ArticleScopeKind.Author =>
                $"""
                SELECT a.id, a.published_at FROM articles a
                WHERE a.author_id = (SELECT id FROM authors WHERE slug = @Slug) AND {VisibleSql}
                ORDER BY a.published_at {order}, a.id {order} LIMIT @Limit OFFSET @Offset
                """,
            ArticleScopeKind.Month =>
                $"""
                SELECT a.id, a.published_at FROM articles a
                WHERE {VisibleSql} AND a.published_at >= @From AND a.published_at < @To
                ORDER BY a.published_at {order}, a.id {order} LIMIT @Limit OFFSET @Offset
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(scope)),
        };
    }

    /// <summary>
    /// How many articles a scope has published: the live count kept by triggers (0006_scale.sql) minus the scheduled
    /// ones, which are few and found at the far end of the same indexes. A month is small and simply counted.
    /// </summary>
    internal static string VisibleCountSql(ArticleScope scope) => scope.Kind switch
    {
        ArticleScopeKind.Site =>
            $"""
            SELECT (SELECT live_articles FROM article_totals) - (SELECT count(*) FROM articles a WHERE {ScheduledSql})
            """,
        ArticleScopeKind.Tag =>
            """
            SELECT coalesce((
                SELECT t.live_articles
                     - (SELECT count(*) FROM article_tags at WHERE at.tag_id = t.id AND at.is_live = 1 AND at.published_at > @Now)
                FROM tags t WHERE t.slug = @Slug), 0)
            """,
        ArticleScopeKind.Author =>
            $"""
            SELECT coalesce((
                SELECT au.live_articles - (SELECT count(*) FROM articles a WHERE a.author_id = au.id AND {ScheduledSql})
                FROM authors au WHERE au.slug = @Slug), 0)
            """,
        ArticleScopeKind.Month =>
            $"""
            SELECT count(*) FROM articles a
            WHERE {VisibleSql} AND a.published_at >= @From AND a.published_at < @To
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    /// <summary>@Slug, @From and @To (a month's Berlin boundaries as UTC text), @Now, @Limit and @Offset.</summary>
    internal static object ScopeParameters(ArticleScope scope, DateTimeOffset now, int limit, long offset = 0) => new
    {
        scope.Slug,
        From = SqliteDates.ToText(scope.Month?.Start),
        To = SqliteDates.ToText(scope.Month?.End),
        Now = SqliteDates.ToText(now),
        Limit = limit,
        Offset = offset,
    };

    public async Task<TagLink?> FindTagAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TagLink>(
            "SELECT display_name AS Name, slug AS Slug FROM tags WHERE slug = @Slug;", new { Slug = slug });
    }

    /// <summary>
    /// How many candidates the related-articles query reads at most, shared evenly among the article's tags: each tag
    /// contributes its newest 600 / (number of tags). A tag on a few hundred articles is searched in full; of a tag
    /// on 30,000 only the newest count, which keeps the query near half a millisecond at 100,000 articles whatever
    /// the article's tags. An old article sharing only such common tags can be passed over for newer ones.
    /// </summary>
    public const int RelatedCandidateBudget = 600;

    /// <summary>
    /// Other published articles sharing tags with this one, in one statement over the tag index. Each shared tag
    /// counts by its rarity, 1 / ln(1 + df), df being the tag's live articles as kept on write (tags.live_articles),
    /// so sharing a rare tag weighs more than sharing a common one. The weight depends on nothing but the tag's own
    /// count: a change elsewhere on the site can never reorder this block, which lets the page cache evict exactly
    /// the articles that share a tag with a changed one. Equal scores go to the more recent article.
    /// </summary>
    public async Task<IReadOnlyList<RelatedArticle>> FindRelatedAsync(
        long articleId, DateTimeOffset now, int limit = 5, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RelatedRow>(
            """
            WITH own_tags AS (
                SELECT at.tag_id,
                       1.0 / ln(1.0 + max(t.live_articles, 1)) AS weight,
                       -- The date of the tag's last candidate (its share of the budget), so that the join below
                       -- reads a bounded range of the index.
                       coalesce((SELECT c.published_at FROM article_tags c
                                 WHERE c.tag_id = at.tag_id AND c.is_live = 1 AND c.published_at <= @Now
                                 ORDER BY c.published_at DESC, c.article_id DESC
                                 LIMIT 1 OFFSET max(1, @Budget / (SELECT count(*) FROM article_tags WHERE article_id = @ArticleId)) - 1),
                                '') AS oldest
                FROM article_tags at
                JOIN tags t ON t.id = at.tag_id
                WHERE at.article_id = @ArticleId
            ),
            scored AS (
                SELECT c.article_id AS id, c.published_at, sum(o.weight) AS score
                FROM own_tags o
                JOIN article_tags c
                  ON c.tag_id = o.tag_id AND c.is_live = 1 AND c.published_at <= @Now AND c.published_at >= o.oldest
                WHERE c.article_id <> @ArticleId
                GROUP BY c.article_id
                -- Rounded so that float noise from summing in another order never beats recency.
                ORDER BY round(score, 9) DESC, c.published_at DESC, c.article_id DESC
                LIMIT @Limit
            )
            SELECT a.slug AS Slug, a.title AS Title, a.published_at AS PublishedAt, s.score AS Score
            FROM scored s
            JOIN articles a ON a.id = s.id
            ORDER BY round(s.score, 9) DESC, s.published_at DESC, s.id DESC;
            """,
            new { ArticleId = articleId, Now = SqliteDates.ToText(now), Limit = limit, Budget = RelatedCandidateBudget });

        return rows.Select(r => new RelatedArticle(r.Slug, r.Title, SqliteDates.FromText(r.PublishedAt), r.Score)).ToList();
    }

    public async Task<IReadOnlyList<Revision>> ListRevisionsAsync(long articleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RevisionRow>(
            """
            SELECT number AS Number, markdown AS Markdown, content_hash AS ContentHash, origin AS Origin,
                   origin_detail AS OriginDetail, created_at AS CreatedAt
            FROM revisions
            WHERE article_id = @ArticleId
            ORDER BY number;
            """,
            new { ArticleId = articleId });

        return rows.Select(ToRevision).ToList();
    }

    private static Revision ToRevision(RevisionRow r) => new(
        (int)r.Number, r.Markdown, r.ContentHash, ToOrigin(r.Origin), r.OriginDetail, SqliteDates.FromText(r.CreatedAt));

    private static RevisionOrigin ToOrigin(string origin) => origin == "import" ? RevisionOrigin.Import : RevisionOrigin.Editor;

    private static async Task<string> ChooseSlugAsync(
        DbConnection connection, DbTransaction transaction, ArticleContent content, StoredArticle? existing, bool suffixDerivedSlug)
    {
        // A slug is taken by another article's current address and by its former ones, which still redirect to it.
        async Task<bool> IsTaken(string slug) => await connection.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM articles WHERE slug = @Slug AND id <> @Id)
                OR EXISTS (SELECT 1 FROM slug_redirects WHERE slug = @Slug AND article_id <> @Id);
            """,
            new { Slug = slug, Id = existing?.Id ?? 0 }, transaction);

        if (content.RequestedSlug is { } requested)
        {
            // An explicit slug is a promise about a URL: never silently give it a suffix or take it from another article.
            if (await IsTaken(requested))
            {
                throw new ArticleConflictException(
                    $"Der Slug „{requested}“ gehört bereits zu einem anderen Artikel. Bitte einen anderen wählen.", "slug");
            }

            return requested;
        }

        // Without an explicit slug an article keeps the URL it was first published under, even if the title changes.
        if (existing is not null)
        {
            return existing.Slug;
        }

        var derived = Slug.FromText(content.Title, fallback: "artikel");
        if (!suffixDerivedSlug && await IsTaken(derived))
        {
            throw new ArticleConflictException(
                $"Es gibt schon einen Artikel unter der Adresse „/artikel/{derived}“. Um ihn zu ändern, bitte ihn im Editor öffnen; " +
                "für einen neuen Artikel einen anderen Titel oder einen eigenen Slug („slug: …“) angeben.", "slug");
        }

        return await Slug.MakeUniqueAsync(derived, IsTaken);
    }

    private static Task<long> UpsertAuthorAsync(DbConnection connection, DbTransaction transaction, string displayName) =>
        // The no-op update makes RETURNING yield the existing row's id; the first spelling of the name stays.
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO authors (slug, display_name) VALUES (@Slug, @DisplayName)
            ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug
            RETURNING id;
            """,
            new { Slug = Slug.ForAuthor(displayName), DisplayName = displayName }, transaction);

    private static async Task ReplaceTagsAsync(
        DbConnection connection, DbTransaction transaction, long articleId, IReadOnlyList<TagName> tags)
    {
        await connection.ExecuteAsync(
            "DELETE FROM article_tags WHERE article_id = @ArticleId;", new { ArticleId = articleId }, transaction);

        for (var position = 0; position < tags.Count; position++)
        {
            var tagId = await UpsertTagAsync(connection, transaction, tags[position]);
            // The article's date and liveness go along, for the tag index (see 0006_scale.sql); the article row is
            // written first.
            await connection.ExecuteAsync(
                """
                INSERT INTO article_tags (article_id, tag_id, position, published_at, is_live)
                SELECT id, @TagId, @Position, published_at, is_draft = 0 AND trashed_at IS NULL
                FROM articles WHERE id = @ArticleId;
                """,
                new { ArticleId = articleId, TagId = tagId, Position = position }, transaction);
        }
    }

    private static async Task<long> UpsertTagAsync(DbConnection connection, DbTransaction transaction, TagName tag)
    {
        var id = await connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM tags WHERE name_key = @Key;", new { tag.Key }, transaction);
        if (id is { } existing)
        {
            return existing;
        }

        // Different names can share a slug ("C#" and "C"); the later one gets a suffix.
        var slug = await Slug.MakeUniqueAsync(tag.Slug, async candidate => await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM tags WHERE slug = @Slug);", new { Slug = candidate }, transaction));

        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO tags (name_key, display_name, slug) VALUES (@Key, @Display, @Slug) RETURNING id;",
            new { tag.Key, tag.Display, Slug = slug }, transaction);
    }

    private static long Offset(int page, int pageSize) => (long)(page - 1) * pageSize;

    // Dapper rows: SQLite hands back long integers and text dates; the public records get proper types.
    private sealed class StoredArticle
    {
        public const string Select =
            "SELECT id AS Id, slug AS Slug, content_hash AS ContentHash, revision AS Revision, published_at AS PublishedAt, " +
            "feed_key AS FeedKey FROM articles";

        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string ContentHash { get; init; } = "";
        public long Revision { get; init; }
        public string? PublishedAt { get; init; }
        public string? FeedKey { get; init; }
    }

    private sealed class ArticleRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string AuthorSlug { get; init; } = "";
        public string PublishedAt { get; init; } = "";
        public string? UpdatedAt { get; init; }
        public string FeedKey { get; init; } = "";

        public PublishedArticle ToArticle(IReadOnlyList<TagLink> tags) => new(
            Id, Slug, Title, Summary, BodyHtml, AuthorName, AuthorSlug, SqliteDates.FromText(PublishedAt),
            SqliteDates.FromNullableText(UpdatedAt), FeedKey, tags);
    }

    private sealed class TeaserRow
    {
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string AuthorSlug { get; init; } = "";
        public string PublishedAt { get; init; } = "";
    }

    private sealed class RelatedRow
    {
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string PublishedAt { get; init; } = "";
        public double Score { get; init; }
    }

    private sealed class RevisionRow
    {
        public long Number { get; init; }
        public string Markdown { get; init; } = "";
        public string ContentHash { get; init; } = "";
        public string Origin { get; init; } = "";
        public string OriginDetail { get; init; } = "";
        public string CreatedAt { get; init; } = "";
    }
}
