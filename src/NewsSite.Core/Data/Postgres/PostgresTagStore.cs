using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Tags;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// The editors' upkeep of tags (tables tags, tag_aliases, tag_redirects; 0001_schema.sql). Each change is one unit
/// of work: the tags, the articles' tag links, the rewritten sources with their revisions, the search rows and one
/// journal entry naming exactly the articles (with their authors and Ressorts) and the tags readers see it on.
/// </summary>
public sealed class PostgresTagStore(PostgresDatabase database, TimeProvider clock) : ITagStore
{
    private const string SummaryColumns =
        """
        t.id AS Id, t.display_name AS Name, t.slug AS Slug,
        (SELECT count(*) FROM article_tags at WHERE at.tag_id = t.id AND at.is_live AND at.published_at <= @Now) AS Published,
        (SELECT count(*) FROM article_tags at WHERE at.tag_id = t.id) AS Articles
        """;

    public Task<IReadOnlyList<TagSummary>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            await using var results = await connection.QueryMultipleAsync(
                $"""
                SELECT {SummaryColumns} FROM tags t;
                SELECT tag_id AS TagId, variant AS Variant, variant_key AS Key FROM tag_aliases;
                """,
                new { Now = now });
            var rows = (await results.ReadAsync<SummaryRow>()).ToList();
            var aliases = (await results.ReadAsync<AliasRow>()).ToLookup(a => a.TagId);

            // Sorted here, as on SQLite, by GermanOrder.Names itself: the whole list is shown, nothing is paged.
            return (IReadOnlyList<TagSummary>)rows
                .Select(r => r.ToSummary(aliases[r.Id]))
                .OrderBy(t => t.Name, GermanOrder.Names)
                .ToList();
        }, cancellationToken);

    public Task<TagSummary?> FindAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            await using var results = await connection.QueryMultipleAsync(
                $"""
                SELECT {SummaryColumns} FROM tags t WHERE t.id = @Id;
                SELECT tag_id AS TagId, variant AS Variant, variant_key AS Key FROM tag_aliases WHERE tag_id = @Id;
                """,
                new { Id = id, Now = now });
            var row = await results.ReadSingleOrDefaultAsync<SummaryRow>();
            return row?.ToSummary(await results.ReadAsync<AliasRow>());
        }, cancellationToken);

    public async Task<TagSummary?> FindByNameAsync(TagName name, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var id = await database.RunAsync(connection => connection.ExecuteScalarAsync<long?>(
            PostgresArticleTags.TagIdOfKeySql, new { TagKey = name.Key }), cancellationToken);
        return id is { } found ? await FindAsync(found, now, cancellationToken) : null;
    }

    public Task<string?> FindRedirectAsync(string oldSlug, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.QuerySingleOrDefaultAsync<string?>(
            """
            SELECT t.slug FROM tag_redirects x JOIN tags t ON t.id = x.tag_id
            WHERE x.slug = @Slug
              AND EXISTS (SELECT 1 FROM article_tags at WHERE at.tag_id = t.id AND at.is_live AND at.published_at <= @Now);
            """,
            new { Slug = oldSlug, Now = now }), cancellationToken);

    public Task<TagChange> RenameAsync(long id, string newName, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(editor);
        if (TagName.ProblemWith(newName) is { } problem)
        {
            throw new TagConflictException(problem, "name");
        }

        var renamed = TagName.TryCreate(newName)!;
        return database.WriteAsync(async unit =>
        {
            var tag = await FindRowAsync(unit, id) ?? throw Gone("name");
            if (tag.Name == renamed.Display)
            {
                return new TagChange(tag.Id, tag.Name, tag.Slug, 0, 0);
            }

            if (renamed.Key != tag.Key)
            {
                await CheckNameIsFreeAsync(unit, tag, renamed);
            }

            var slug = renamed.Slug == tag.Slug ? tag.Slug : await Slug.MakeUniqueAsync(renamed.Slug, async candidate =>
                await unit.Connection.ExecuteScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM tags WHERE slug = @Slug AND id <> @Id);", new { Slug = candidate, Id = id }, unit.Transaction));
            var now = clock.GetUtcNow();
            var articles = await ArticlesWithAsync(unit, id);
            var before = await FootprintsAsync(unit, articles, now);

            await unit.Connection.ExecuteAsync(
                """
                DELETE FROM tag_aliases WHERE variant_key = @Key;
                UPDATE tags SET name_key = @Key, display_name = @Display, slug = @Slug WHERE id = @Id;
                DELETE FROM tag_redirects WHERE slug = @Slug;
                """,
                new { Id = id, renamed.Key, renamed.Display, Slug = slug }, unit.Transaction);
            if (renamed.Key != tag.Key)
            {
                // Files and old revisions that still name the tag the old way land here, not in a new tag.
                await AddAliasRowAsync(unit, tag.Key, tag.Name, id, now);
            }

            if (slug != tag.Slug)
            {
                await AddRedirectAsync(unit, tag.Slug, id, now);
            }

            var rewritten = await RewriteSourcesAsync(unit, articles, new Dictionary<string, string> { [tag.Key] = renamed.Display }, editor, now);
            await ReindexAsync(unit, articles);
            await PostgresContentJournal.RecordArticleChangesAsync(unit, before.Zip(await FootprintsAsync(unit, articles, now)), now);
            return new TagChange(id, renamed.Display, slug, articles.Count, rewritten);
        }, cancellationToken);
    }

    public Task<TagChange> MergeAsync(long fromId, long intoId, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(editor);
        if (fromId == intoId)
        {
            throw new TagConflictException("Ein Schlagwort lässt sich nicht mit sich selbst zusammenführen. Bitte ein anderes wählen.", "into");
        }

        return database.WriteAsync(async unit =>
        {
            var from = await FindRowAsync(unit, fromId) ?? throw Gone("from");
            var into = await FindRowAsync(unit, intoId)
                ?? throw new TagNotFoundException("Das Schlagwort, mit dem zusammengeführt werden soll, gibt es nicht (mehr). Bitte die Seite neu laden.", "into");
            var now = clock.GetUtcNow();
            var articles = await ArticlesWithAsync(unit, fromId);
            var before = await FootprintsAsync(unit, articles, now);

            foreach (var articleId in articles)
            {
                // The merged tag takes the earlier of the two places when the article had both.
                var tagIds = await unit.Connection.QueryAsync<long>(
                    "SELECT tag_id FROM article_tags WHERE article_id = @Id ORDER BY position;", new { Id = articleId }, unit.Transaction);
                await PostgresArticleTags.ReplaceIdsAsync(unit, articleId, tagIds.Select(t => t == fromId ? intoId : t));
            }

            await unit.Connection.ExecuteAsync(
                """
                UPDATE tag_aliases SET tag_id = @Into WHERE tag_id = @From;
                UPDATE tag_redirects SET tag_id = @Into WHERE tag_id = @From;
                DELETE FROM tags WHERE id = @From;
                """,
                new { From = fromId, Into = intoId }, unit.Transaction);
            await AddAliasRowAsync(unit, from.Key, from.Name, intoId, now);
            await AddRedirectAsync(unit, from.Slug, intoId, now);

            var rewritten = await RewriteSourcesAsync(unit, articles, new Dictionary<string, string> { [from.Key] = into.Name }, editor, now);
            await ReindexAsync(unit, articles);
            await PostgresContentJournal.RecordArticleChangesAsync(unit, before.Zip(await FootprintsAsync(unit, articles, now)), now);
            return new TagChange(intoId, into.Name, into.Slug, articles.Count, rewritten);
        }, cancellationToken);
    }

    public Task<TagAlias> AddAliasAsync(long id, string variant, CancellationToken cancellationToken = default)
    {
        if (TagName.ProblemWith(variant) is { } problem)
        {
            throw new TagConflictException(problem, "alias");
        }

        var alias = TagName.TryCreate(variant)!;
        return database.WriteAsync(async unit =>
        {
            var tag = await FindRowAsync(unit, id) ?? throw Gone("alias");
            if (alias.Key == tag.Key)
            {
                throw new TagConflictException($"„{alias.Display}“ ist schon der Name dieses Schlagworts; Groß- und Kleinschreibung zählen nicht.", "alias");
            }

            var own = await unit.Connection.QuerySingleOrDefaultAsync<(string? Name, long Articles)>(
                "SELECT display_name, (SELECT count(*) FROM article_tags WHERE tag_id = t.id) FROM tags t WHERE name_key = @Key;",
                new { alias.Key }, unit.Transaction);
            if (own.Name is not null)
            {
                throw new TagConflictException(
                    $"„{own.Name}“ ist ein eigenes Schlagwort ({ArticleCount(own.Articles)}). Bitte „{own.Name}“ mit „{tag.Name}“ " +
                    "zusammenführen: Dann wird es von selbst eine Variante.", "alias");
            }

            var holder = await unit.Connection.QuerySingleOrDefaultAsync<string?>(
                "SELECT t.display_name FROM tag_aliases a JOIN tags t ON t.id = a.tag_id WHERE a.variant_key = @Key;",
                new { alias.Key }, unit.Transaction);
            if (holder is not null)
            {
                throw new TagConflictException($"„{alias.Display}“ ist schon eine Variante von „{holder}“.", "alias");
            }

            await AddAliasRowAsync(unit, alias.Key, alias.Display, id, clock.GetUtcNow());
            return new TagAlias(alias.Display, alias.Key);
        }, cancellationToken);
    }

    public Task<int> RemoveAliasAsync(long id, string variant, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var key = TagName.TryCreate(variant)?.Key;
        return database.WriteAsync(async unit =>
        {
            var tag = await FindRowAsync(unit, id) ?? throw Gone("alias");
            var removed = key is not null && await unit.Connection.ExecuteAsync(
                "DELETE FROM tag_aliases WHERE variant_key = @Key AND tag_id = @Id;", new { Key = key, Id = id }, unit.Transaction) > 0;
            if (!removed)
            {
                throw new TagNotFoundException($"„{variant}“ ist keine Variante von „{tag.Name}“ (mehr). Bitte die Seite neu laden.", "alias");
            }

            // Readers see no difference (the articles keep the tag), so nothing is journaled.
            return await RewriteSourcesAsync(unit, await ArticlesWithAsync(unit, id), new Dictionary<string, string> { [key!] = tag.Name }, editor, clock.GetUtcNow());
        }, cancellationToken);
    }

    public Task<int> SeedAliasesAsync(IReadOnlyList<TagAliasEntry> entries, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return database.WriteAsync(async unit =>
        {
            if (dryRun)
            {
                unit.RollBackAtEnd();
            }

            if (entries.Count == 0 || await unit.Connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM tag_aliases);", transaction: unit.Transaction))
            {
                return 0;
            }

            var now = clock.GetUtcNow();
            var stored = 0;
            foreach (var entry in entries)
            {
                var tag = TagName.TryCreate(entry.Name) ?? throw new TagConflictException($"„{entry.Name}“ ist kein Schlagwort.", "name");
                var tagId = await PostgresArticleTags.UpsertAsync(unit, tag);
                foreach (var variant in entry.Aliases)
                {
                    var alias = TagName.TryCreate(variant) ?? throw new TagConflictException($"„{variant}“ ist keine Variante.", "aliases");
                    var holder = await PostgresArticleTags.ResolveAsync(unit, alias.Key);
                    if (holder == tagId)
                    {
                        continue;
                    }

                    if (holder is not null)
                    {
                        throw new TagConflictException(
                            $"„{alias.Display}“ ist hier schon ein eigenes Schlagwort oder eine Variante eines anderen; " +
                            $"es kann nicht zugleich für „{tag.Display}“ stehen. Bitte in der Redaktion unter Schlagwörter zusammenführen.", "aliases");
                    }

                    await AddAliasRowAsync(unit, alias.Key, alias.Display, tagId, now);
                    stored++;
                }
            }

            return stored;
        }, cancellationToken);
    }

    private static TagNotFoundException Gone(string field) =>
        new("Dieses Schlagwort gibt es nicht (mehr): Vielleicht wurde es gerade zusammengeführt. Bitte die Seite neu laden.", field);

    private static Task<TagRow?> FindRowAsync(PostgresUnitOfWork unit, long id) =>
        unit.Connection.QuerySingleOrDefaultAsync<TagRow?>(
            "SELECT id AS Id, name_key AS Key, display_name AS Name, slug AS Slug FROM tags WHERE id = @Id;", new { Id = id }, unit.Transaction);

    /// <summary>A rename must not take another tag's name or alias: that would be a merge, which the editor asks for by name.</summary>
    private static async Task CheckNameIsFreeAsync(PostgresUnitOfWork unit, TagRow tag, TagName renamed)
    {
        var holder = await unit.Connection.QuerySingleOrDefaultAsync<(string? Name, bool IsAlias)>(
            """
            SELECT display_name, false FROM tags WHERE name_key = @Key AND id <> @Id
            UNION ALL
            SELECT t.display_name, true FROM tag_aliases a JOIN tags t ON t.id = a.tag_id WHERE a.variant_key = @Key AND t.id <> @Id
            LIMIT 1;
            """,
            new { renamed.Key, tag.Id }, unit.Transaction);
        if (holder.Name is null)
        {
            return;
        }

        throw new TagConflictException(!holder.IsAlias
            ? $"Das Schlagwort „{holder.Name}“ gibt es schon. Um beide zu einem zu machen, bitte „{tag.Name}“ mit „{holder.Name}“ zusammenführen."
            : $"„{renamed.Display}“ ist eine Variante von „{holder.Name}“. Um „{tag.Name}“ dort einzuordnen, bitte mit „{holder.Name}“ zusammenführen.", "name");
    }

    private static Task<int> AddAliasRowAsync(PostgresUnitOfWork unit, string key, string variant, long tagId, DateTimeOffset now) =>
        unit.Connection.ExecuteAsync(
            """
            INSERT INTO tag_aliases (variant_key, variant, tag_id, created_at) VALUES (@Key, @Variant, @TagId, @Now)
            ON CONFLICT (variant_key) DO UPDATE SET variant = excluded.variant, tag_id = excluded.tag_id, created_at = excluded.created_at;
            """,
            new { Key = key, Variant = variant, TagId = tagId, Now = now }, unit.Transaction);

    private static Task<int> AddRedirectAsync(PostgresUnitOfWork unit, string oldSlug, long tagId, DateTimeOffset now) =>
        unit.Connection.ExecuteAsync(
            """
            INSERT INTO tag_redirects (slug, tag_id, created_at) VALUES (@Slug, @TagId, @Now)
            ON CONFLICT (slug) DO UPDATE SET tag_id = excluded.tag_id, created_at = excluded.created_at;
            """,
            new { Slug = oldSlug, TagId = tagId, Now = now }, unit.Transaction);

    /// <summary>Every article with the tag: drafts, scheduled and trashed ones too, since their sources name it as well.</summary>
    private static async Task<List<long>> ArticlesWithAsync(PostgresUnitOfWork unit, long tagId) =>
        [.. await unit.Connection.QueryAsync<long>(
            "SELECT article_id FROM article_tags WHERE tag_id = @Id ORDER BY article_id;", new { Id = tagId }, unit.Transaction)];

    private static async Task<List<ArticleFootprint?>> FootprintsAsync(PostgresUnitOfWork unit, List<long> articleIds, DateTimeOffset now)
    {
        var footprints = new List<ArticleFootprint?>(articleIds.Count);
        foreach (var id in articleIds)
        {
            footprints.Add(await PostgresContentJournal.ReadFootprintAsync(unit, id, now));
        }

        return footprints;
    }

    private static async Task ReindexAsync(PostgresUnitOfWork unit, List<long> articleIds)
    {
        // The search indexes tags by name.
        foreach (var id in articleIds)
        {
            await PostgresSearchIndex.ReplaceRowAsync(unit, id);
        }
    }

    /// <summary>
    /// A new revision, by the editor, for each article whose current source names a tag that changed its name, with
    /// the <c>tags:</c> line rewritten (decision 0018): the source keeps saying what the pages show.
    /// </summary>
    /// <returns>How many sources were rewritten.</returns>
    private static Task<int> RewriteSourcesAsync(
        PostgresUnitOfWork unit, List<long> articleIds, IReadOnlyDictionary<string, string> renamed, string editor, DateTimeOffset now) =>
        PostgresRevisions.RewriteSourcesAsync(unit, articleIds, markdown => TagSourceRewrite.Rewrite(markdown, renamed), editor, now);

    private static string ArticleCount(long count) => count == 1 ? "1 Artikel" : $"{count} Artikel";

    private sealed record TagRow(long Id, string Key, string Name, string Slug);

    // count(*) is bigint; the public records get int.
    private sealed class SummaryRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
        public long Published { get; init; }
        public long Articles { get; init; }

        public TagSummary ToSummary(IEnumerable<AliasRow> aliases) => new(
            Id, Name, Slug, (int)Published, (int)Articles,
            [.. aliases.Select(a => new TagAlias(a.Variant, a.Key)).OrderBy(a => a.Variant, GermanOrder.Names)]);
    }

    private sealed class AliasRow
    {
        public long TagId { get; init; }
        public string Variant { get; init; } = "";
        public string Key { get; init; } = "";
    }
}
