using System.Globalization;
using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Editing;

/// <summary>An autosave that differs from the article as saved, for the edit page to offer back.</summary>
/// <param name="SavedAtText">The time as the banner says it: „von 14:32 Uhr“ today, „vom 3. Juni 2025, 14:32 Uhr“ before.</param>
/// <param name="ArticleChangedSince">Someone saved the article after the editor began typing this (its revision is
/// no longer <paramref name="BaseRevision"/>): restoring it and saving would replace that newer version.</param>
/// <param name="Diff">From the saved article to the autosave, over <see cref="AutosaveOffers.Render"/> of each.</param>
public sealed record AutosaveOffer(
    DateTimeOffset SavedAt, string SavedAtText, int BaseRevision, bool ArticleChangedSince, EditorForm Form, IReadOnlyList<DiffLine> Diff);

/// <summary>What the partial _AutosaveOffer renders: the offer and the article it belongs to (null: a new article).</summary>
public sealed record AutosaveOfferBanner(AutosaveOffer Offer, long? ArticleId)
{
    /// <summary>Unchanged lines shown around each change; the rest stands as „…“.</summary>
    public const int ContextLines = 2;

    public string EditUrl => ArticleId is { } id ? $"/admin/artikel/{id}" : "/admin/artikel/neu";

    public string RestoreUrl => EditUrl + "?autosave=wiederherstellen";

    public string DiscardUrl => EditUrl + "/autosave/verwerfen";

    /// <summary>The diff's changes with <see cref="ContextLines"/> around each; null where lines are left out.</summary>
    public IReadOnlyList<DiffLine?> Excerpt()
    {
        var diff = Offer.Diff;
        var keep = new bool[diff.Count];
        for (var i = 0; i < diff.Count; i++)
        {
            if (diff[i].Kind != DiffKind.Same)
            {
                for (var j = Math.Max(0, i - ContextLines); j <= Math.Min(diff.Count - 1, i + ContextLines); j++)
                {
                    keep[j] = true;
                }
            }
        }

        var excerpt = new List<DiffLine?>();
        for (var i = 0; i < diff.Count; i++)
        {
            if (keep[i])
            {
                excerpt.Add(diff[i]);
            }
            else if (excerpt.Count == 0 || excerpt[^1] is not null)
            {
                excerpt.Add(null);
            }
        }

        return excerpt;
    }
}

/// <summary>
/// Decides whether the edit page offers an editor's autosave back (decision 0014): only when it says something the
/// saved article does not. One that equals the saved article is spent (the editor saved it, or typed it back) and is
/// deleted here, so the offer does not come back.
/// </summary>
public sealed class AutosaveOffers(IAutosaveStore autosaves, TimeProvider clock)
{
    /// <summary>Autosaves older than this are pruned (at each login, before anyone could be offered one).</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    /// <param name="articleId">Null or 0 for a new article.</param>
    /// <param name="stored">The article's form as saved now; null for a new article (compared with an empty form).</param>
    /// <param name="storedRevision">The article's revision now; 0 for a new article.</param>
    public async Task<AutosaveOffer?> FindAsync(
        string userName, long? articleId, EditorForm? stored, int storedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var id = articleId ?? 0;
        var autosave = await autosaves.FindAsync(userName, id, cancellationToken);
        if (autosave is null)
        {
            return null;
        }

        var saved = Render(stored ?? EditorForm.Empty);
        var typed = Render(autosave.Form);
        if (saved == typed)
        {
            await autosaves.DeleteAsync(userName, id, cancellationToken);
            return null;
        }

        return new AutosaveOffer(
            autosave.SavedAt, TimeText(autosave.SavedAt), autosave.BaseRevision,
            ArticleChangedSince: stored is not null && autosave.BaseRevision != storedRevision,
            autosave.Form, LineDiff.Compare(saved, typed));
    }

    /// <summary>„von 14:32 Uhr“ for today (newsroom time), „vom 3. Juni 2025, 14:32 Uhr“ for an earlier day.</summary>
    public string TimeText(DateTimeOffset savedAt)
    {
        var local = NewsroomTime.ToLocal(savedAt);
        return local.Date == NewsroomTime.ToLocal(clock.GetUtcNow()).Date
            ? "von " + local.ToString("HH:mm 'Uhr'", CultureInfo.InvariantCulture)
            : "vom " + GermanFormat.DateTime(savedAt);
    }

    /// <summary>What the autosave endpoint answers: „Automatisch gespeichert um 14:32 Uhr“.</summary>
    public static string SavedText(DateTimeOffset savedAt) =>
        "Automatisch gespeichert um " + NewsroomTime.ToLocal(savedAt).ToString("HH:mm 'Uhr'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The form as plain text for comparing and the diff: one „Titel: …“ line per filled field, a blank line, the body (an empty form is empty).
    /// Values are compared as a save would take them: trimmed, with the browser's CRLF as LF.
    /// </summary>
    public static string Render(EditorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var f = form.Fields;
        var text = new StringBuilder();
        foreach (var (label, value) in new[]
        {
            ("Titel", f.Title), ("Adresse", f.Slug), ("Autor", f.Author), ("Erscheinungsdatum", f.Date), ("Tags", f.Tags),
            ("Zusammenfassung", f.Summary), ("Ressort", f.Ressort), ("Aufmacherbild", f.Image), ("Bildbeschreibung", f.ImageAlt),
            ("Bildunterschrift", f.ImageCaption), ("Foto", f.ImageCredit),
        })
        {
            var clean = Clean(value).Replace('\n', ' ');
            if (clean.Length > 0)
            {
                text.Append(label).Append(": ").Append(clean).Append('\n');
            }
        }

        if (text.Length > 0)
        {
            text.Append('\n');
        }

        return text.Append(Clean(form.Body)).ToString();
    }

    private static string Clean(string? value) => (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
