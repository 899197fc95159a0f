using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Stored;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// Authors (table authors) and every saved version of their bios (author_bio_versions); the authors row holds the
/// current bio, source and HTML. Articles create their authors through <see cref="UpsertAsync"/> (PostgresAuthorStore.Writes.cs).
/// </summary>
public sealed partial class PostgresAuthorStore(PostgresDatabase database, TimeProvider clock) : IAuthorStore
{
    public async Task<AuthorLink?> FindAuthorAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await FindAuthorDetailsAsync(slug, now, cancellationToken))?.Link;

    public Task<AuthorDetails?> FindAuthorDetailsAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection =>
            // Every author page and author feed asks (prepared once per pooled connection). The EXISTS is one probe of
            // ix_articles_author_live.
            connection.QuerySingleOrDefaultAsync<AuthorDetails?>(
                $"""
                SELECT au.display_name AS Name, au.slug AS Slug, au.bio_html AS BioHtml FROM authors au
                WHERE au.slug = @Slug
                  AND (EXISTS (SELECT 1 FROM articles a WHERE a.author_id = au.id AND {PostgresVisibility.VisibleSql})
                       OR EXISTS (SELECT 1 FROM article_authors aa JOIN articles a ON a.id = aa.article_id
                                  WHERE aa.author_id = au.id AND {PostgresVisibility.VisibleSql}));
                """,
                new { Slug = slug, Now = now }), cancellationToken);

    public Task<IReadOnlyList<EditorAuthorSummary>> ListAuthorsForEditorsAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<EditorAuthorSummary>>(async connection =>
        {
            var rows = await connection.QueryAsync<(string Name, string Slug, long Articles, long Published, bool HasBio)>(
                """
                SELECT au.display_name, au.slug, count(a.id),
                       count(a.id) FILTER (WHERE NOT a.is_draft AND a.published_at <= @Now),
                       au.bio_html IS NOT NULL
                FROM authors au
                LEFT JOIN (SELECT id, author_id FROM articles
                           UNION ALL SELECT article_id, author_id FROM article_authors) written ON written.author_id = au.id
                LEFT JOIN articles a ON a.id = written.id AND a.trashed_at IS NULL
                GROUP BY au.id;
                """,
                new { Now = clock.GetUtcNow() });

            // Sorted here, as on SQLite, by GermanOrder.Names itself: the whole list is shown, nothing is paged.
            return rows
                .Select(r => new EditorAuthorSummary(r.Name, r.Slug, (int)r.Articles, (int)r.Published, r.HasBio))
                .OrderBy(a => a.Name, GermanOrder.Names)
                .ToList();
        }, cancellationToken);

    public Task<EditableAuthor?> FindAuthorForEditingAsync(string slug, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            await using var results = await connection.QueryMultipleAsync(
                """
                SELECT au.display_name AS Name, au.slug AS Slug, au.bio_markdown AS BioMarkdown, au.bio_html AS BioHtml,
                       u.name AS AccountName
                FROM authors au LEFT JOIN users u ON u.id = au.account_id
                WHERE au.slug = @Slug;

                SELECT v.number AS Number, v.markdown AS Markdown, v.origin AS Origin, v.origin_detail AS OriginDetail,
                       v.created_at AS CreatedAt
                FROM author_bio_versions v
                JOIN authors au ON au.id = v.author_id
                WHERE au.slug = @Slug
                ORDER BY v.number DESC;

                SELECT x.slug FROM author_redirects x JOIN authors au ON au.id = x.author_id WHERE au.slug = @Slug ORDER BY x.slug COLLATE "C";
                """,
                new { Slug = slug });

            var author = await results.ReadSingleOrDefaultAsync<AuthorRow>();
            var history = (await results.ReadAsync<BioVersionRow>())
                .Select(v => new AuthorBioVersion(
                    v.Number, v.Markdown, RevisionOrigins.ToOrigin(v.Origin), v.OriginDetail, v.CreatedAt))
                .ToList();
            var former = (await results.ReadAsync<string>()).ToList();
            if (author is null)
            {
                return null;
            }

            var bio = author.BioMarkdown is null ? AuthorBio.None : new AuthorBio(author.BioMarkdown, author.BioHtml);
            return new EditableAuthor(author.Name, author.Slug, bio, history.Count == 0 ? 0 : history[0].Number, history)
            {
                AccountName = author.AccountName,
                FormerSlugs = former,
            };
        }, cancellationToken);

    public Task<AuthorBioWriteResult> SaveBioAsync(
        string slug, int expectedVersion, AuthorBio bio, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bio);
        return database.WriteAsync(async unit =>
        {
            var stored = await FindStoredAsync(unit, slug) ?? throw new AuthorNotFoundException(slug);
            if (stored.BioVersion != expectedVersion)
            {
                var latest = await unit.Connection.QuerySingleAsync<BioVersionRow>(
                    """
                    SELECT number AS Number, markdown AS Markdown, origin AS Origin, origin_detail AS OriginDetail, created_at AS CreatedAt
                    FROM author_bio_versions WHERE author_id = @Id ORDER BY number DESC LIMIT 1;
                    """,
                    new { stored.Id }, unit.Transaction);
                throw new AuthorBioConcurrencyException(stored.BioVersion, latest.OriginDetail, latest.CreatedAt);
            }

            if ((stored.BioMarkdown ?? "") == bio.Markdown)
            {
                return new AuthorBioWriteResult(Changed: false, stored.BioVersion);
            }

            var version = await WriteBioAsync(unit, stored, bio, "editor", editor);
            await PostgresContentJournal.RecordAsync(unit, AuthorChange(slug), clock.GetUtcNow());
            return new AuthorBioWriteResult(Changed: true, version);
        }, cancellationToken);
    }

    public Task<ProfileWriteResult> SaveProfileAsync(
        AuthorProfile profile, string sourcePath, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return database.WriteAsync(async unit =>
        {
            if (dryRun)
            {
                unit.RollBackAtEnd();
            }

            var stored = await FindStoredAsync(unit, profile.Slug);
            if (stored?.ProfileHash == profile.ContentHash)
            {
                return new ProfileWriteResult(ProfileWriteKind.Unchanged, profile.Slug);
            }

            if (stored is null)
            {
                await unit.Connection.ExecuteAsync(
                    "INSERT INTO authors (slug, display_name) VALUES (@Slug, @Name);",
                    new { profile.Slug, Name = profile.NameForNewAuthor }, unit.Transaction);
                stored = await FindStoredAsync(unit, profile.Slug);
            }

            if ((stored!.BioMarkdown ?? "") != profile.Bio.Markdown)
            {
                await WriteBioAsync(unit, stored, profile.Bio, "import", sourcePath);
                await PostgresContentJournal.RecordAsync(unit, AuthorChange(profile.Slug), clock.GetUtcNow());
            }

            await unit.Connection.ExecuteAsync(
                "UPDATE authors SET profile_hash = @Hash WHERE id = @Id;", new { Hash = profile.ContentHash, stored.Id }, unit.Transaction);
            return new ProfileWriteResult(stored.ProfileHash is null ? ProfileWriteKind.Created : ProfileWriteKind.Updated, profile.Slug);
        }, cancellationToken);
    }

    public Task<string?> FindRedirectAsync(string oldSlug, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.QuerySingleOrDefaultAsync<string?>(
            $"""
            SELECT au.slug FROM author_redirects x JOIN authors au ON au.id = x.author_id
            WHERE x.slug = @Slug
              AND (EXISTS (SELECT 1 FROM articles a WHERE a.author_id = au.id AND {PostgresVisibility.VisibleSql})
                   OR EXISTS (SELECT 1 FROM article_authors aa WHERE aa.author_id = au.id AND aa.is_live AND aa.published_at <= @Now));
            """,
            new { Slug = oldSlug, Now = now }), cancellationToken);

    public Task<string?> FindNameForAccountAsync(string accountName, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT au.display_name FROM authors au JOIN users u ON u.id = au.account_id WHERE u.name = @Name;",
            new { Name = accountName }), cancellationToken);

    public Task<AuthorProfileChange> UpdateProfileAsync(string slug, AuthorProfileEdit edit, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(editor);
        if (AuthorName.ProblemWith(edit.Name) is { } problem)
        {
            throw new AuthorProfileException(problem, "name");
        }

        var name = AuthorName.Clean(edit.Name);
        var newSlug = edit.Slug.Trim();
        if (!Slug.IsValid(newSlug))
        {
            throw new AuthorProfileException(
                $"„{newSlug}“ ist keine gültige Adresse: nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, höchstens {Slug.MaxLength} Zeichen.", "slug");
        }

        return database.WriteAsync(async unit =>
        {
            var author = await unit.Connection.QuerySingleOrDefaultAsync<(long Id, string Name, string Slug, long? AccountId)>(
                "SELECT id, display_name, slug, account_id FROM authors WHERE slug = @Slug;", new { Slug = slug }, unit.Transaction);
            if (author.Slug is null)
            {
                throw new AuthorNotFoundException(slug);
            }

            // Every address that must lead to this author afterwards: the new one, and those a byline with the old
            // or the new name derives, so that a file imported later with either name lands here.
            var leading = new HashSet<string>(StringComparer.Ordinal) { newSlug, Slug.ForAuthor(name), Slug.ForAuthor(author.Name), author.Slug };
            foreach (var address in leading)
            {
                var other = await unit.Connection.QuerySingleOrDefaultAsync<string?>(
                    "SELECT display_name FROM authors WHERE slug = @Slug AND id <> @Id;", new { Slug = address, author.Id }, unit.Transaction);
                if (other is not null)
                {
                    throw address == newSlug
                        ? new AuthorProfileException($"Die Adresse /autor/{address} gehört schon zu „{other}“. Bitte eine andere wählen.", "slug")
                        : new AuthorProfileException(
                            $"Der Name „{name}“ führt zur Adresse /autor/{address}, die schon zu „{other}“ gehört: Artikel mit diesem Namen " +
                            "kämen zu „" + other + "“. Bitte den Namen unterscheidbar machen.", "name");
                }
            }

            long? accountId = null;
            if (!string.IsNullOrWhiteSpace(edit.AccountName))
            {
                accountId = await unit.Connection.ExecuteScalarAsync<long?>(
                    "SELECT id FROM users WHERE name = @Name;", new { Name = edit.AccountName.Trim() }, unit.Transaction)
                    ?? throw new AuthorProfileException($"Ein Konto „{edit.AccountName.Trim()}“ gibt es nicht.", "account");
                var holder = await unit.Connection.QuerySingleOrDefaultAsync<string?>(
                    "SELECT display_name FROM authors WHERE account_id = @AccountId AND id <> @Id;", new { AccountId = accountId, author.Id }, unit.Transaction);
                if (holder is not null)
                {
                    throw new AuthorProfileException(
                        $"Das Konto „{edit.AccountName.Trim()}“ gehört schon zum Profil „{holder}“. Ein Konto hat höchstens ein Autorenprofil; " +
                        "bitte dort zuerst die Verknüpfung lösen.", "account");
                }
            }

            if (name == author.Name && newSlug == author.Slug && accountId == author.AccountId)
            {
                return new AuthorProfileChange(name, newSlug, 0);
            }

            var now = clock.GetUtcNow();
            var articles = (await unit.Connection.QueryAsync<long>(
                "SELECT id FROM articles WHERE author_id = @Id UNION SELECT article_id FROM article_authors WHERE author_id = @Id ORDER BY 1;",
                new { author.Id }, unit.Transaction)).ToList();
            var before = new List<ArticleFootprint?>();
            foreach (var id in articles)
            {
                before.Add(await PostgresContentJournal.ReadFootprintAsync(unit, id, now));
            }

            var formerSlugs = (await unit.Connection.QueryAsync<string>(
                "SELECT slug FROM author_redirects WHERE author_id = @Id;", new { author.Id }, unit.Transaction)).ToHashSet(StringComparer.Ordinal);
            formerSlugs.UnionWith([author.Slug, Slug.ForAuthor(author.Name)]);

            await unit.Connection.ExecuteAsync(
                """
                UPDATE authors SET display_name = @Name, slug = @NewSlug, account_id = @AccountId WHERE id = @Id;
                DELETE FROM author_redirects WHERE slug = @NewSlug;
                """,
                new { author.Id, Name = name, NewSlug = newSlug, AccountId = accountId }, unit.Transaction);
            foreach (var address in leading.Where(a => a != newSlug))
            {
                // A former address of another author given up to this one: the addresses above are checked free of authors.
                await unit.Connection.ExecuteAsync(
                    """
                    INSERT INTO author_redirects (slug, author_id, created_at) VALUES (@Slug, @Id, @Now)
                    ON CONFLICT (slug) DO UPDATE SET author_id = excluded.author_id;
                    """,
                    new { Slug = address, author.Id, Now = now }, unit.Transaction);
            }

            var rewritten = name == author.Name ? 0 : await RewriteSourcesAsync(unit, articles, formerSlugs, name, editor, now);
            var after = new List<ArticleFootprint?>();
            foreach (var id in articles)
            {
                after.Add(await PostgresContentJournal.ReadFootprintAsync(unit, id, now));
            }

            await PostgresContentJournal.RecordArticleChangesAsync(unit, before.Zip(after), now);
            if (newSlug != author.Slug || name != author.Name)
            {
                // The author's own page and feeds, which show the name, even without a visible article of theirs.
                await PostgresContentJournal.RecordAsync(unit, new ContentChange(0, [], [], [author.Slug, newSlug]), now);
            }

            return new AuthorProfileChange(name, newSlug, rewritten);
        }, cancellationToken);
    }

    /// <summary>Each article's current source with the author's new name, as a new revision by the editor (decision 0021).</summary>
    private static Task<int> RewriteSourcesAsync(
        PostgresUnitOfWork unit, List<long> articleIds, IReadOnlySet<string> formerSlugs, string name, string editor, DateTimeOffset now) =>
        PostgresRevisions.RewriteSourcesAsync(unit, articleIds, markdown => AuthorSourceRewrite.Rewrite(markdown, formerSlugs, name), editor, now);

    private static ContentChange AuthorChange(string slug) => new(0, [], [], [slug]);

    private static Task<StoredAuthor?> FindStoredAsync(PostgresUnitOfWork unit, string slug) =>
        unit.Connection.QuerySingleOrDefaultAsync<StoredAuthor>(
            """
            SELECT id AS Id, bio_markdown AS BioMarkdown, profile_hash AS ProfileHash,
                   (SELECT coalesce(max(number), 0) FROM author_bio_versions WHERE author_id = authors.id) AS BioVersion
            FROM authors
            WHERE slug = @Slug OR id = (SELECT author_id FROM author_redirects WHERE slug = @Slug)
            ORDER BY slug = @Slug DESC LIMIT 1;
            """,
            new { Slug = slug }, unit.Transaction);

    /// <returns>The number of the new version.</returns>
    private async Task<int> WriteBioAsync(PostgresUnitOfWork unit, StoredAuthor author, AuthorBio bio, string origin, string originDetail)
    {
        var version = author.BioVersion + 1;
        await unit.Connection.ExecuteAsync(
            """
            UPDATE authors SET bio_markdown = @CurrentMarkdown, bio_html = @Html WHERE id = @Id;

            INSERT INTO author_bio_versions (author_id, number, markdown, origin, origin_detail, created_at)
            VALUES (@Id, @Number, @Markdown, @Origin, @OriginDetail, @Now);
            """,
            new
            {
                author.Id,
                CurrentMarkdown = bio.IsEmpty ? null : bio.Markdown, // no bio: both columns null
                bio.Html,
                Number = version,
                bio.Markdown,
                Origin = origin,
                OriginDetail = originDetail,
                Now = clock.GetUtcNow(),
            },
            unit.Transaction);
        return version;
    }

    private sealed class StoredAuthor
    {
        public long Id { get; init; }
        public string? BioMarkdown { get; init; }
        public string? ProfileHash { get; init; }
        public int BioVersion { get; init; }
    }

    private sealed class AuthorRow
    {
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
        public string? BioMarkdown { get; init; }
        public string? BioHtml { get; init; }
        public string? AccountName { get; init; }
    }

    private sealed class BioVersionRow
    {
        public int Number { get; init; }
        public string Markdown { get; init; } = "";
        public string Origin { get; init; } = "";
        public string OriginDetail { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }
}
