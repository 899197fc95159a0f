using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Core.Audit;

namespace NewsSite.Web.Pages.Admin.Review;

/// <summary>The review queue: drafts submitted for review, the longest waiting first, with who submitted them when.</summary>
public sealed class IndexModel(IEditorArticles articles, IAuditLog audit) : PageModel
{
    public const int MaxShown = 200;

    public sealed record Waiting(EditorArticleSummary Article, AuditEntry? Submitted);

    public IReadOnlyList<Waiting> Queue { get; private set; } = [];

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var pending = await articles.ListForEditorsAsync(new EditorArticleFilter(ArticleStatus.InReview, null), 1, MaxShown, cancellationToken);
        Total = pending.TotalCount;
        var queue = new List<Waiting>();
        foreach (var article in pending.Items)
        {
            queue.Add(new Waiting(article, await audit.FindLatestAsync(article.Id, AuditAction.Submitted, cancellationToken)));
        }

        Queue = queue.OrderBy(w => w.Submitted?.At ?? w.Article.ModifiedAt).ToList();
    }
}
