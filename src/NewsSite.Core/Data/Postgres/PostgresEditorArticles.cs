using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Stored;

namespace NewsSite.Core.Data.Postgres;

/// <summary>The admin's reads: every article whatever its status, its source and its history.</summary>
public sealed class PostgresEditorArticles(PostgresDatabase database, TimeProvider clock) : IEditorArticles
{
    // One definition of the status, used by the list, the filter and the edit page alike.
    private const string StatusSql =
        """
        CASE WHEN a.trashed_at IS NOT NULL THEN 'Trashed'
             WHEN a.is_draft AND a.review_state = 'pending' THEN 'InReview'
             WHEN a.is_draft THEN 'Draft'
             WHEN a.published_at > @Now THEN 'Scheduled'
             ELSE 'Published' END
        """;

    /// <summary>
    /// The one place the list names an article's author: one of the article's authors has this slug, the first
    /// (articles.author_id) or a co-author (article_authors, decision 0021).
    /// </summary>
    private const string AuthorFilterSql =
        """
        (a.author_id = (SELECT id FROM authors WHERE slug = @AuthorSlug)
         OR EXISTS (SELECT 1 FROM article_authors aa
                    WHERE aa.article_id = a.id AND aa.author_id = (SELECT id FROM authors WHERE slug = @AuthorSlug)))
        """;

    // The tag a name means, by its own name or as a variant (as PostgresArticleTags resolves names).
    private const string TagIdSql = "(" + PostgresArticleTags.TagIdOfKeySql + ")";

    public async Task<PagedList<EditorArticleSummary>> ListForEditorsAsync(
        EditorArticleFilter filter, int page, int pageSize, CancellationToken cancellationToken = default) =>
        (await ListAsync(filter, EditorArticleSort.Modified, descending: true, page, pageSize, withCounts: false, cancellationToken)).Articles;

    public Task<EditorArticleList> ListWithCountsAsync(
        EditorArticleFilter filter, EditorArticleSort sort, bool descending, int page, int pageSize, CancellationToken cancellationToken = default) =>
        ListAsync(filter, sort, descending, page, pageSize, withCounts: true, cancellationToken);

    private Task<EditorArticleList> ListAsync(
        EditorArticleFilter filter, EditorArticleSort sort, bool descending, int page, int pageSize, bool withCounts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var text = string.IsNullOrWhiteSpace(filter.Text) ? null : filter.Text.Trim();

        // Besides the substring of title, slug, author or tag, the words as the public search takes them (the same
        // analyser: "koeln" finds "Köln", "Gefangener" "Gefangene"), in title, summary, body and tags. The search
        // index holds every article whatever its state, so drafts, scheduled and trashed articles are found too.
        var query = text is null ? "" : PostgresSearchIndex.QueryOf(SearchQuery.Parse(text).SearchTerms);
        var wordsSql = query.Length == 0 ? "" : "OR a.id IN (SELECT s.article_id FROM article_search s WHERE s.document @@ @Query::tsquery)";
        var parameters = new
        {
            Now = clock.GetUtcNow(),
            Status = filter.Status?.ToString(),
            filter.ExcludeTrash,
            filter.Owner,
            Pattern = text is null ? null : "%" + EscapeLike(text) + "%",
            Query = query,
            filter.RessortSlug,
            filter.AuthorSlug,
            TagKey = filter.Tag?.Key,
            From = filter.PublishedFrom,
            Before = filter.PublishedBefore,
            Limit = pageSize,
            Offset = PostgresVisibility.Offset(page, pageSize),
        };

        // Everything but the status: the status links count within the rest of the filter. ILIKE: SQLite's LIKE
        // ignores the case of ASCII letters, PostgreSQL's LIKE ignores none.
        var criteria =
            $"""
            FROM articles a
            JOIN authors au ON au.id = a.author_id
            LEFT JOIN ressorts rs ON rs.id = a.ressort_id
            WHERE (@Owner::text IS NULL OR a.owner = @Owner)
              AND (@RessortSlug::text IS NULL OR rs.slug = @RessortSlug)
              AND (@AuthorSlug::text IS NULL OR {AuthorFilterSql})
              AND (@TagKey::text IS NULL OR EXISTS (SELECT 1 FROM article_tags at WHERE at.article_id = a.id AND at.tag_id = {TagIdSql}))
              AND (@From::timestamptz IS NULL OR a.published_at >= @From)
              AND (@Before::timestamptz IS NULL OR a.published_at < @Before)
              AND (@Pattern::text IS NULL
                   OR a.title ILIKE @Pattern ESCAPE '\' OR a.slug ILIKE @Pattern ESCAPE '\'
                   OR au.display_name ILIKE @Pattern ESCAPE '\'
                   OR EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id
                              WHERE at.article_id = a.id AND t.display_name ILIKE @Pattern ESCAPE '\')
                   {wordsSql})
            """;

        // The matching set is defined once and used for the count and the page.
        var matching =
            $"""
            {criteria}
              AND (@Status::text IS NULL OR {StatusSql} = @Status)
              AND (NOT @ExcludeTrash OR a.trashed_at IS NULL)
            """;
        var counts = withCounts ? $"SELECT {StatusSql} AS Status, count(*) AS Count {criteria} GROUP BY 1;" : "SELECT NULL AS Status, 0 AS Count WHERE false;";
        var tagFound = filter.Tag is null ? "SELECT true;" : $"SELECT {TagIdSql} IS NOT NULL;";

        return database.RunAsync(async connection =>
        {
            // One command, one round trip: the statements go to the server as one batch.
            await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
                $"""
                SELECT count(*) {matching};

                SELECT a.id AS Id, a.slug AS Slug, a.title AS Title, au.display_name AS AuthorName, {StatusSql} AS Status,
                       a.published_at AS PublishedAt, a.modified_at AS ModifiedAt, a.revision AS Revision, a.owner AS Owner,
                       rs.name AS Ressort,
                       (SELECT string_agg(t.display_name, chr(31) ORDER BY at.position)
                        FROM article_tags at JOIN tags t ON t.id = at.tag_id
                        WHERE at.article_id = a.id) AS Tags
                {matching}
                ORDER BY {OrderBy(sort, descending)}
                LIMIT @Limit OFFSET @Offset;

                {counts}
                {tagFound}
                """,
                parameters, cancellationToken: cancellationToken));

            var total = await results.ReadSingleAsync<int>();
            var items = (await results.ReadAsync<EditorListRow>())
                .Select(r => new EditorArticleSummary(
                    r.Id, r.Slug, r.Title, r.AuthorName, Enum.Parse<ArticleStatus>(r.Status),
                    r.PublishedAt, r.ModifiedAt,
                    r.Tags is null ? [] : r.Tags.Split('\u001f'), r.Revision, r.Owner, r.Ressort))
                .ToList();
            var byStatus = Enum.GetValues<ArticleStatus>().ToDictionary(status => status, _ => 0);
            foreach (var row in await results.ReadAsync<StatusCountRow>())
            {
                byStatus[Enum.Parse<ArticleStatus>(row.Status)] = (int)row.Count;
            }

            var found = await results.ReadSingleAsync<bool>();
            return new EditorArticleList(new PagedList<EditorArticleSummary>(items, page, pageSize, total), byStatus, found);
        }, cancellationToken);
    }

    /// <summary>
    /// The list's order, from a closed set (never from the request's text). Names in German order through the
    /// schema's <c>german</c> collation (ICU de-DE, as <see cref="GermanOrder"/>); articles without a Ressort or a date
    /// last either way; ties by last change, newest first, then id, so that pages never overlap.
    /// </summary>
    private static string OrderBy(EditorArticleSort sort, bool descending)
    {
        var direction = descending ? "DESC" : "ASC";
        var column = sort switch
        {
            EditorArticleSort.Title => $"a.title COLLATE german {direction}",
            EditorArticleSort.Author => $"au.display_name COLLATE german {direction}",
            EditorArticleSort.Ressort => $"rs.name IS NULL, rs.name COLLATE german {direction}",
            EditorArticleSort.Published => $"a.published_at IS NULL, a.published_at {direction}",
            EditorArticleSort.Status =>
                $"""
                CASE {StatusSql} WHEN 'Draft' THEN 0 WHEN 'InReview' THEN 1 WHEN 'Scheduled' THEN 2 WHEN 'Published' THEN 3 ELSE 4 END {direction}
                """,
            _ => $"a.modified_at {direction}",
        };
        return sort == EditorArticleSort.Modified ? $"{column}, a.id {direction}" : $"{column}, a.modified_at DESC, a.id DESC";
    }

    public Task<EditableArticle?> FindForEditingAsync(long articleId, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<EditableRow>(new CommandDefinition(
                $"""
                SELECT a.id AS Id, a.slug AS Slug, a.title AS Title, {StatusSql} AS Status, a.published_at AS PublishedAt,
                       a.modified_at AS ModifiedAt, a.revision AS Revision, r.markdown AS Markdown,
                       a.owner AS Owner, a.review_state AS Review
                FROM articles a
                JOIN revisions r ON r.article_id = a.id AND r.number = a.revision
                WHERE a.id = @Id;
                """,
                new { Id = articleId, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));

            return row is null ? null : new EditableArticle(
                row.Id, row.Slug, row.Title, Enum.Parse<ArticleStatus>(row.Status), row.PublishedAt,
                row.ModifiedAt, row.Revision, row.Markdown, row.Owner,
                row.Review switch { "pending" => ReviewState.Pending, "returned" => ReviewState.Returned, _ => ReviewState.None });
        }, cancellationToken);

    public Task<IReadOnlyList<RevisionInfo>> ListHistoryAsync(long articleId, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<RevisionInfo>>(async connection =>
        {
            var rows = await connection.QueryAsync<PostgresRevisions.RevisionRow>(new CommandDefinition(
                """
                SELECT number AS Number, origin AS Origin, origin_detail AS OriginDetail, created_at AS CreatedAt
                FROM revisions
                WHERE article_id = @ArticleId
                ORDER BY number;
                """,
                new { ArticleId = articleId }, cancellationToken: cancellationToken));
            return rows.Select(r => new RevisionInfo(r.Number, RevisionOrigins.ToOrigin(r.Origin), r.OriginDetail, r.CreatedAt)).ToList();
        }, cancellationToken);

    public Task<Revision?> FindRevisionAsync(long articleId, int number, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<PostgresRevisions.RevisionRow>(new CommandDefinition(
                PostgresRevisions.SelectRevision + " WHERE article_id = @ArticleId AND number = @Number;",
                new { ArticleId = articleId, Number = number }, cancellationToken: cancellationToken));
            return row is null ? null : PostgresRevisions.ToRevision(row);
        }, cancellationToken);

    public Task<IReadOnlyList<Revision>> ListRevisionsAsync(long articleId, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<Revision>>(async connection =>
        {
            var rows = await connection.QueryAsync<PostgresRevisions.RevisionRow>(new CommandDefinition(
                PostgresRevisions.SelectRevision + " WHERE article_id = @ArticleId ORDER BY number;", new { ArticleId = articleId },
                cancellationToken: cancellationToken));
            return rows.Select(PostgresRevisions.ToRevision).ToList();
        }, cancellationToken);

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);

    private sealed class EditorListRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset? PublishedAt { get; init; }
        public DateTimeOffset ModifiedAt { get; init; }
        public int Revision { get; init; }
        public string? Owner { get; init; }
        public string? Ressort { get; init; }
        public string? Tags { get; init; }
    }

    private sealed class StatusCountRow
    {
        public string Status { get; init; } = "";
        public long Count { get; init; }
    }

    private sealed class EditableRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset? PublishedAt { get; init; }
        public DateTimeOffset ModifiedAt { get; init; }
        public int Revision { get; init; }
        public string Markdown { get; init; } = "";
        public string? Owner { get; init; }
        public string? Review { get; init; }
    }

}
