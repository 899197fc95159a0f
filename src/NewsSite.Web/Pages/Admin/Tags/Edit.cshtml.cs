using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Tags;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Pages.Admin.Tags;

/// <summary>
/// One tag: rename it, merge it into another (named as editors write it, alias included), add and remove its variants.
/// Each is one write (decision 0018); a refused one shows its German reason beside its input with 422 and changes nothing.
/// </summary>
public sealed class TagEditModel(ITagStore tags, TimeProvider clock, ILogger<TagEditModel> logger) : PageModel
{
    public TagSummary Tag { get; private set; } = null!;

    /// <summary>The other tags' names, for the merge input's suggestions.</summary>
    public IReadOnlyList<string> OtherNames { get; private set; } = [];

    public FieldProblems Problems { get; } = new();

    /// <summary>What the editor typed into the input that was refused, shown again.</summary>
    public string? Posted { get; private set; }

    public static string PathOf(long id) => FormattableString.Invariant($"{TagListModel.Path}/{id}");

    public static string MergedMessage(string mergedName, TagChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return $"„{mergedName}“ ist jetzt „{change.Name}“: {Count(change.ArticlesMoved, "Artikel", "Artikel")} umgestellt, " +
            $"{Count(change.SourcesRewritten, "Quelltext", "Quelltexte")} mit neuer Version. Die alte Adresse leitet auf {Addresses.SiteUrls.TagPath(change.Slug)} weiter.";
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRenameAsync(long id, string? name, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            var change = await tags.RenameAsync(id, name ?? "", User.AccountName(), cancellationToken);
            if (change.Name == Tag.Name)
            {
                return Done(id, "Der Name ist unverändert; es wurde nichts gespeichert.");
            }

            logger.LogInformation("{Account} hat das Schlagwort {Id} umbenannt: {Old} → {New} ({Articles} Artikel)",
                User.AccountName(), id, Tag.Name, change.Name, change.ArticlesMoved);
            var redirect = change.Slug == Tag.Slug ? "" : $" Die alte Adresse {Addresses.SiteUrls.TagPath(Tag.Slug)} leitet weiter.";
            return Done(id, $"„{Tag.Name}“ heißt jetzt „{change.Name}“ ({Addresses.SiteUrls.TagPath(change.Slug)}): " +
                $"{Count(change.SourcesRewritten, "Quelltext", "Quelltexte")} mit neuer Version.{redirect}");
        }
        catch (Exception e) when (e is TagConflictException or TagNotFoundException)
        {
            return Invalid("name", e, name);
        }
    }

    public async Task<IActionResult> OnPostMergeAsync(long id, string? into, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var target = await FindByNameAsync(into, cancellationToken);
        if (target is null)
        {
            var message = string.IsNullOrWhiteSpace(into)
                ? $"Bitte das Schlagwort angeben, in das „{Tag.Name}“ eingeordnet werden soll."
                : $"Ein Schlagwort „{into.Trim()}“ gibt es nicht. Bitte einen vorhandenen Namen wählen; die Liste schlägt beim Tippen vor.";
            return Invalid("into", new TagNotFoundException(message, "into"), into);
        }

        try
        {
            var change = await tags.MergeAsync(id, target.Id, User.AccountName(), cancellationToken);
            logger.LogInformation("{Account} hat das Schlagwort {From} mit {Into} zusammengeführt ({Articles} Artikel)",
                User.AccountName(), Tag.Name, change.Name, change.ArticlesMoved);
            return Done(target.Id, MergedMessage(Tag.Name, change));
        }
        catch (Exception e) when (e is TagConflictException or TagNotFoundException)
        {
            return Invalid("into", e, into);
        }
    }

    public async Task<IActionResult> OnPostAddAliasAsync(long id, string? alias, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            var added = await tags.AddAliasAsync(id, alias ?? "", cancellationToken);
            logger.LogInformation("{Account} hat dem Schlagwort {Tag} die Variante {Alias} gegeben", User.AccountName(), Tag.Name, added.Variant);
            return Done(id, $"„{added.Variant}“ steht jetzt für „{Tag.Name}“: Artikel, die es nennen, bekommen beim nächsten Speichern oder Import dieses Schlagwort.");
        }
        catch (Exception e) when (e is TagConflictException or TagNotFoundException)
        {
            return Invalid("alias", e, alias);
        }
    }

    public async Task<IActionResult> OnPostRemoveAliasAsync(long id, string? alias, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            var rewritten = await tags.RemoveAliasAsync(id, alias ?? "", User.AccountName(), cancellationToken);
            logger.LogInformation("{Account} hat die Variante {Alias} des Schlagworts {Tag} entfernt", User.AccountName(), alias, Tag.Name);
            return Done(id, $"„{alias}“ ist keine Variante von „{Tag.Name}“ mehr. Die Artikel behalten das Schlagwort" +
                (rewritten == 0 ? "." : $"; {Count(rewritten, "Quelltext", "Quelltexte")}, die „{alias}“ nannten, mit neuer Version."));
        }
        catch (Exception e) when (e is TagConflictException or TagNotFoundException)
        {
            return Invalid("aliases", e, null);
        }
    }

    private RedirectResult Done(long id, string message)
    {
        TempData["Message"] = message;
        return Redirect(PathOf(id));
    }

    /// <summary>The page as loaded before the refused write, which changed nothing, with the reason beside the input.</summary>
    private PageResult Invalid(string field, Exception error, string? posted)
    {
        Problems.Add(field, error.Message);
        Posted = posted;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The tag a name means, by its own name or as one of its variants, as an article naming it would get.</summary>
    private async Task<TagSummary?> FindByNameAsync(string? name, CancellationToken cancellationToken) =>
        TagName.TryCreate(name) is { } wanted ? await tags.FindByNameAsync(wanted, clock.GetUtcNow(), cancellationToken) : null;

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var tag = await tags.FindAsync(id, clock.GetUtcNow(), cancellationToken);
        if (tag is null)
        {
            return false;
        }

        Tag = tag;
        OtherNames = [.. (await tags.ListAsync(clock.GetUtcNow(), cancellationToken)).Where(t => t.Id != id).Select(t => t.Name)];
        return true;
    }

    private static string Count(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count} {many}";
}
