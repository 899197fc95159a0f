using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;

namespace NewsSite.Web.Pages.Admin.Authors;

/// <summary>Every author with their article counts and whether they have a bio; each leads to the bio form.</summary>
public sealed class AuthorsModel(IAuthorStore articles) : PageModel
{
    public IReadOnlyList<EditorAuthorSummary> Authors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Authors = await articles.ListAuthorsForEditorsAsync(cancellationToken);
}
