using NewsSite.Core.Articles;
using NewsSite.Core.Export;
using NewsSite.Core.Tags;

namespace NewsSite.Core.Editing;

/// <summary>What the article list's bulk form does to every chosen article (decision 0022).</summary>
public enum BulkAction
{
    Publish,
    Unpublish,
    Trash,
    Restore,
    AddTag,
    RemoveTag,
}

/// <summary>What a bulk action does, or would do, to one chosen article.</summary>
public enum BulkItemOutcome
{
    /// <summary>The article changes.</summary>
    Changes,

    /// <summary>The article is already as the action would leave it; it is not written.</summary>
    AlreadyDone,

    /// <summary>The article cannot take the action (see the reason): then no article changes.</summary>
    Refused,
}

/// <param name="Reason">Why it is refused, or what stays as it is; German, for the editor.</param>
public sealed record BulkItem(long Id, string Title, ArticleStatus Status, BulkItemOutcome Outcome, string? Reason = null);

/// <summary>
/// The action for the chosen articles, article by article, and whether it was carried out. With any refusal nothing
/// was written; <see cref="Error"/> names a problem of the whole (an article saved by someone else meanwhile).
/// </summary>
public sealed record BulkPlan(BulkAction Action, IReadOnlyList<BulkItem> Items, bool Done = false, string? Error = null)
{
    public IEnumerable<BulkItem> Refused => Items.Where(i => i.Outcome == BulkItemOutcome.Refused);

    public int Changing => Items.Count(i => i.Outcome == BulkItemOutcome.Changes);

    public bool CanRun => Error is null && !Refused.Any() && Changing > 0;
}

/// <summary>
/// Publish, unpublish, trash, restore, and add or remove a tag for many articles at once, each article as the single
/// action does it (the publish and unpublish of the edit page through <see cref="ArticleDraft"/>, the trash through
/// the store's trash, a tag through the <c>tags:</c> line of the source as the tag admin rewrites it), all in one
/// write: if one article cannot take the action, none changes. <see cref="PlanAsync"/> says beforehand what would
/// happen, for the confirmation; <see cref="RunAsync"/> plans again against the current state and writes.
/// </summary>
public sealed class ArticleBulkActions(
    IArticleStore articles, IEditorArticles editing, ITagStore tags, ArticleDraft drafts, ArticleParser parser, ArticleFileLimit limit,
    TimeProvider clock)
{
    /// <summary>At most this many articles per action: one transaction holds the write lock for all of them.</summary>
    public const int MaxArticles = 200;

    /// <summary>What the action would do to each article; nothing is written.</summary>
    /// <param name="tag">The tag to add or remove; null for the other actions.</param>
    public async Task<BulkPlan> PlanAsync(BulkAction action, IReadOnlyList<long> ids, TagName? tag, CancellationToken cancellationToken)
        => (await PrepareAsync(action, ids, tag, cancellationToken)).Plan;

    /// <summary>Plans against the current state and, when every article can take the action, writes it as one transaction.</summary>
    public async Task<BulkPlan> RunAsync(
        BulkAction action, IReadOnlyList<long> ids, TagName? tag, string account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var (plan, updates) = await PrepareAsync(action, ids, tag, cancellationToken);
        if (!plan.CanRun)
        {
            return plan;
        }

        var changing = plan.Items.Where(i => i.Outcome == BulkItemOutcome.Changes).Select(i => i.Id).ToList();
        try
        {
            if (action is BulkAction.Trash or BulkAction.Restore)
            {
                await articles.SetTrashedManyAsync(changing, action == BulkAction.Trash, account, cancellationToken);
            }
            else
            {
                await articles.UpdateManyAsync(updates, new ArticleOrigin(RevisionOrigin.Editor, account, SourceKey: null), cancellationToken);
            }
        }
        catch (ArticleConcurrencyException e)
        {
            return plan with { Error = $"Ein Artikel wurde inzwischen von {e.ChangedBy} geändert; es wurde nichts geändert. Bitte die Liste neu laden und noch einmal wählen." };
        }
        catch (ArticleNotFoundException e)
        {
            return plan with { Error = $"Den Artikel {e.ArticleId} gibt es nicht mehr; es wurde nichts geändert." };
        }
        catch (ArticleConflictException e)
        {
            return plan with { Error = e.Message + " Es wurde nichts geändert." };
        }

        return plan with { Done = true };
    }

    private async Task<(BulkPlan Plan, List<ArticleUpdate> Updates)> PrepareAsync(
        BulkAction action, IReadOnlyList<long> ids, TagName? tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count > MaxArticles)
        {
            throw new ArgumentException($"Höchstens {MaxArticles} Artikel je Aktion.", nameof(ids));
        }

        if (action is BulkAction.AddTag or BulkAction.RemoveTag && tag is null)
        {
            throw new ArgumentNullException(nameof(tag));
        }

        var now = clock.GetUtcNow();
        var known = tag is null ? null : await tags.FindByNameAsync(tag, now, cancellationToken);
        var items = new List<BulkItem>(ids.Count);
        var updates = new List<ArticleUpdate>();
        foreach (var id in ids.Distinct())
        {
            var article = await editing.FindForEditingAsync(id, cancellationToken);
            if (article is null)
            {
                items.Add(new BulkItem(id, $"Artikel {id}", ArticleStatus.Draft, BulkItemOutcome.Refused, "Diesen Artikel gibt es nicht (mehr)."));
                continue;
            }

            var (outcome, reason, content) = action switch
            {
                BulkAction.Trash => article.Status == ArticleStatus.Trashed ? (BulkItemOutcome.AlreadyDone, "liegt schon im Papierkorb", null) : Changes(),
                BulkAction.Restore => article.Status != ArticleStatus.Trashed ? (BulkItemOutcome.AlreadyDone, "liegt nicht im Papierkorb", null) : Changes(),
                BulkAction.Publish => Publish(article, now),
                BulkAction.Unpublish => Unpublish(article, now),
                _ => Retag(article, action == BulkAction.AddTag, tag!, known),
            };
            items.Add(new BulkItem(article.Id, article.Title, article.Status, outcome, reason));
            if (content is not null)
            {
                updates.Add(new ArticleUpdate(article.Id, article.Revision, content));
            }
        }

        return (new BulkPlan(action, items), updates);
    }

    private static (BulkItemOutcome, string?, ArticleContent?) Changes() => (BulkItemOutcome.Changes, null, null);

    private (BulkItemOutcome, string?, ArticleContent?) Publish(EditableArticle article, DateTimeOffset now) => article.Status switch
    {
        ArticleStatus.Published => (BulkItemOutcome.AlreadyDone, "ist schon veröffentlicht", null),
        ArticleStatus.Scheduled => (BulkItemOutcome.AlreadyDone, "ist schon geplant und erscheint zu seinem Datum", null),
        ArticleStatus.Trashed => (BulkItemOutcome.Refused, "liegt im Papierkorb; bitte erst wiederherstellen.", null),
        _ => Compose(article, PublishIntent.Publish, now),
    };

    private (BulkItemOutcome, string?, ArticleContent?) Unpublish(EditableArticle article, DateTimeOffset now) => article.Status switch
    {
        ArticleStatus.Draft or ArticleStatus.InReview => (BulkItemOutcome.AlreadyDone, "ist nicht öffentlich", null),
        ArticleStatus.Trashed => (BulkItemOutcome.Refused, "liegt im Papierkorb; bitte erst wiederherstellen.", null),
        _ => Compose(article, PublishIntent.Draft, now),
    };

    /// <summary>The edit page's publish or unpublish of the stored article, as if its form had been sent unchanged.</summary>
    private (BulkItemOutcome, string?, ArticleContent?) Compose(EditableArticle article, PublishIntent intent, DateTimeOffset now)
    {
        var form = EditorForm.FromSource(article.Markdown);
        return Checked(() => drafts.Compose(
            article.Markdown, form.Fields, form.Body, intent, now, article.PublishedAt,
            new UpdateNotice(WasPublished: article.Status == ArticleStatus.Published)).Content);
    }

    /// <summary>
    /// The <c>tags:</c> line with the tag added at the end or every name of it (its own, its variants) taken out, and
    /// the source read again by the parser, so that its rules (at most 20 tags) hold; no „Aktualisiert am“.
    /// </summary>
    private (BulkItemOutcome, string?, ArticleContent?) Retag(EditableArticle article, bool add, TagName tag, TagSummary? known)
    {
        IReadOnlyList<TagName> current;
        try
        {
            current = FrontMatterReader.Read(ArticleDraft.SourceName, article.Markdown.Replace("\r\n", "\n", StringComparison.Ordinal)).FrontMatter.Tags;
        }
        catch (ArticleFormatException e)
        {
            return (BulkItemOutcome.Refused, Reasons(e), null);
        }

        var keys = new HashSet<string>(StringComparer.Ordinal) { tag.Key };
        if (known is not null)
        {
            keys.Add(TagName.TryCreate(known.Name)!.Key);
            keys.UnionWith(known.Aliases.Select(a => a.Key));
        }

        var has = current.Any(t => keys.Contains(t.Key));
        if (add == has)
        {
            return (BulkItemOutcome.AlreadyDone, add ? "hat das Schlagwort schon" : "hat das Schlagwort nicht", null);
        }

        // An added name is the tag's own when the name is one of its variants: sources say what the pages show.
        List<string> names = add
            ? [.. current.Select(t => t.Display), known?.Name ?? tag.Display]
            : [.. current.Where(t => !keys.Contains(t.Key)).Select(t => t.Display)];
        var markdown = FrontMatterEditor.Apply(article.Markdown, [new("tags", names.Count == 0 ? null : YamlText.List(names))]);
        return Checked(() => parser.Parse(ArticleDraft.SourceName, markdown));
    }

    private (BulkItemOutcome, string?, ArticleContent?) Checked(Func<ArticleContent> compose)
    {
        try
        {
            var content = compose();
            limit.Check(ArticleDraft.SourceName, content);
            return (BulkItemOutcome.Changes, null, content);
        }
        catch (ArticleFormatException e)
        {
            return (BulkItemOutcome.Refused, Reasons(e), null);
        }
        catch (ArticleTooLargeException e)
        {
            return (BulkItemOutcome.Refused, e.Message, null);
        }
    }

    private static string Reasons(ArticleFormatException e) => string.Join(" ", e.Problems.Select(p => p.Reason));
}
