using System.Data.Common;
using Dapper;
using NewsSite.Core.Data;

namespace NewsSite.Core.Articles;

/// <summary>
/// Authors' bios: the public author page's read, the admin's list and form, and the import of profile files. Every
/// saved bio is kept as a version in author_bio_versions; the authors row holds the current one, source and HTML.
/// </summary>
public sealed partial class ArticleRepository
{
    public async Task<AuthorDetails?> FindAuthorDetailsAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AuthorDetails>(
            "SELECT display_name AS Name, slug AS Slug, bio_html AS BioHtml FROM authors WHERE slug = @Slug;", new { Slug = slug });
    }

    /// <summary>Every author, in German alphabetical order, with their articles outside the trash and the published ones.</summary>
    public async Task<IReadOnlyList<EditorAuthorSummary>> ListAuthorsForEditorsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Name, string Slug, long Articles, long Published, long HasBio)>(
            """
            SELECT au.display_name, au.slug, count(a.id),
                   coalesce(sum(a.is_draft = 0 AND a.published_at <= @Now), 0),
                   au.bio_html IS NOT NULL
            FROM authors au
            LEFT JOIN articles a ON a.author_id = au.id AND a.trashed_at IS NULL
            GROUP BY au.id;
            """,
            new { Now = SqliteDates.ToText(clock.GetUtcNow()) });

        return rows
            .Select(r => new EditorAuthorSummary(r.Name, r.Slug, (int)r.Articles, (int)r.Published, r.HasBio != 0))
            .OrderBy(a => a.Name, GermanOrder.Names)
            .ToList();
    }

    public async Task<EditableAuthor?> FindAuthorForEditingAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(
            """
            SELECT display_name AS Name, slug AS Slug, bio_markdown AS BioMarkdown, bio_html AS BioHtml
            FROM authors
            WHERE slug = @Slug;

            SELECT v.number AS Number, v.markdown AS Markdown, v.origin AS Origin, v.origin_detail AS OriginDetail,
                   v.created_at AS CreatedAt
            FROM author_bio_versions v
            JOIN authors au ON au.id = v.author_id
            WHERE au.slug = @Slug
            ORDER BY v.number DESC;
            """,
            new { Slug = slug });

        var author = await results.ReadSingleOrDefaultAsync<AuthorRow>();
        var history = (await results.ReadAsync<BioVersionRow>())
            .Select(v => new AuthorBioVersion((int)v.Number, v.Markdown, ToOrigin(v.Origin), v.OriginDetail, SqliteDates.FromText(v.CreatedAt)))
            .ToList();
        if (author is null)
        {
            return null;
        }

        var bio = author.BioMarkdown is null ? AuthorBio.None : new AuthorBio(author.BioMarkdown, author.BioHtml);
        return new EditableAuthor(author.Name, author.Slug, bio, history.Count == 0 ? 0 : history[0].Number, history);
    }

    /// <summary>
    /// An editor's save of a bio, in one transaction: the author's current bio and a new version. Saving the
    /// unchanged bio writes nothing. <paramref name="expectedVersion"/> is the version the form was opened at; if
    /// someone saved in between, nothing is written and <see cref="AuthorBioConcurrencyException"/> says who.
    /// </summary>
    public async Task<AuthorBioWriteResult> SaveBioAsync(
        string slug, int expectedVersion, AuthorBio bio, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bio);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await FindStoredAuthorAsync(connection, transaction, slug) ?? throw new AuthorNotFoundException(slug);

        if (stored.BioVersion != expectedVersion)
        {
            var latest = await connection.QuerySingleAsync<(string Detail, string CreatedAt)>(
                "SELECT origin_detail, created_at FROM author_bio_versions WHERE author_id = @Id ORDER BY number DESC LIMIT 1;",
                new { stored.Id }, transaction);
            throw new AuthorBioConcurrencyException((int)stored.BioVersion, latest.Detail, SqliteDates.FromText(latest.CreatedAt));
        }

        if ((stored.BioMarkdown ?? "") == bio.Markdown)
        {
            return new AuthorBioWriteResult(Changed: false, (int)stored.BioVersion);
        }

        var version = await WriteBioAsync(connection, transaction, stored, bio, "editor", editor);
        await RecordChangeAsync(connection, transaction, clock.GetUtcNow(), [], [], [slug]);
        await CommitAndSignalAsync(transaction, changedPublicContent: true, cancellationToken);
        return new AuthorBioWriteResult(Changed: true, version);
    }

    /// <summary>
    /// The importer's write of a profile file, in one transaction: creates the author if there is none yet, and
    /// stores the bio as a new version when it differs. The file's hash is kept, so an unchanged file changes nothing,
    /// and a bio edited in the admin since stays until the file itself changes. An existing author keeps their name
    /// (as with the articles' author: field, the first spelling stays). With <paramref name="dryRun"/> it is all
    /// rolled back.
    /// </summary>
    public async Task<ProfileWriteResult> SaveProfileAsync(
        AuthorProfile profile, string sourcePath, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await FindStoredAuthorAsync(connection, transaction, profile.Slug);
        if (stored?.ProfileHash == profile.ContentHash)
        {
            return new ProfileWriteResult(ProfileWriteKind.Unchanged, profile.Slug);
        }

        if (stored is null)
        {
            await connection.ExecuteAsync(
                "INSERT INTO authors (slug, display_name) VALUES (@Slug, @Name);",
                new { profile.Slug, Name = profile.NameForNewAuthor }, transaction);
            stored = await FindStoredAuthorAsync(connection, transaction, profile.Slug);
        }

        var bioChanged = (stored!.BioMarkdown ?? "") != profile.Bio.Markdown;
        if (bioChanged)
        {
            await WriteBioAsync(connection, transaction, stored, profile.Bio, "import", sourcePath);
            await RecordChangeAsync(connection, transaction, clock.GetUtcNow(), [], [], [profile.Slug]);
        }

        await connection.ExecuteAsync(
            "UPDATE authors SET profile_hash = @Hash WHERE id = @Id;", new { Hash = profile.ContentHash, stored.Id }, transaction);
        if (dryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        else
        {
            await CommitAndSignalAsync(transaction, bioChanged, cancellationToken);
        }
        return new ProfileWriteResult(stored.ProfileHash is null ? ProfileWriteKind.Created : ProfileWriteKind.Updated, profile.Slug);
    }

    private static Task<StoredAuthor?> FindStoredAuthorAsync(DbConnection connection, DbTransaction transaction, string slug) =>
        connection.QuerySingleOrDefaultAsync<StoredAuthor>(
            """
            SELECT id AS Id, bio_markdown AS BioMarkdown, profile_hash AS ProfileHash,
                   (SELECT coalesce(max(number), 0) FROM author_bio_versions WHERE author_id = authors.id) AS BioVersion
            FROM authors
            WHERE slug = @Slug;
            """,
            new { Slug = slug }, transaction);

    /// <returns>The number of the new version.</returns>
    private async Task<int> WriteBioAsync(
        DbConnection connection, DbTransaction transaction, StoredAuthor author, AuthorBio bio, string origin, string originDetail)
    {
        var version = (int)author.BioVersion + 1;
        await connection.ExecuteAsync(
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
                Now = SqliteDates.ToText(clock.GetUtcNow()),
            },
            transaction);
        return version;
    }

    private sealed class StoredAuthor
    {
        public long Id { get; init; }
        public string? BioMarkdown { get; init; }
        public string? ProfileHash { get; init; }
        public long BioVersion { get; init; }
    }

    private sealed class AuthorRow
    {
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
        public string? BioMarkdown { get; init; }
        public string? BioHtml { get; init; }
    }

    private sealed class BioVersionRow
    {
        public long Number { get; init; }
        public string Markdown { get; init; } = "";
        public string Origin { get; init; } = "";
        public string OriginDetail { get; init; } = "";
        public string CreatedAt { get; init; } = "";
    }
}
