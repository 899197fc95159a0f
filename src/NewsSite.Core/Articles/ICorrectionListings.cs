namespace NewsSite.Core.Articles;

/// <summary>
/// The public record of corrections (/korrekturen): every correction of a published article, newest first. The
/// corrections themselves are written with their article (<see cref="IArticleStore"/>), from its source.
/// </summary>
public interface ICorrectionListings
{
    /// <summary>A page of the corrections of articles that are published at <paramref name="now"/>, newest first.</summary>
    /// <remarks>Count and page are read at one moment, so that both see the same corrections.</remarks>
    Task<PagedList<PublishedCorrection>> ListPublishedAsync(int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken = default);
}
