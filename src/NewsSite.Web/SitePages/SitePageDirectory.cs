using NewsSite.Core.SitePages;
using NewsSite.Web.Caching;

namespace NewsSite.Web.SitePages;

/// <summary>
/// The fixed pages for every page's footer, read once per content version: every change of a fixed page moves the
/// version (the store journals it), so the list here is never older than the page around it.
/// </summary>
public sealed partial class SitePageDirectory(ISitePageStore pages, ContentChangeFollower follower, ILogger<SitePageDirectory> logger)
{
    /// <summary>The page a German site must have (§ 5 DDG): its absence is shown to admins and logged at start.</summary>
    public const string ImprintSlug = "impressum";

    private readonly PerContentVersion<IReadOnlyList<SitePageLink>> _links = new(follower);

    public async Task<IReadOnlyList<SitePageLink>> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _links.GetOrReadAsync(pages.ListAsync, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The footer is on the error pages too, which must render while the database cannot be read.
            LogUnreadable(e);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fußzeile: Die festen Seiten konnten nicht gelesen werden")]
    private partial void LogUnreadable(Exception exception);
}
