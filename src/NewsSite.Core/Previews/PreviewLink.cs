using System.Security.Cryptography;
using System.Text;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Previews;

/// <summary>
/// The secret of a preview link (decision 0020): 256 bits from the system's generator, URL-safe base64 without
/// padding (43 characters). The database keeps only its SHA-256 (<see cref="Hash"/>), so the full link is shown once,
/// when it is made.
/// </summary>
public static class PreviewToken
{
    public const int Length = 43;

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Whether a text can be a token at all: anything else is not looked up.</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}

/// <summary>What a link is now: usable, past its end, or ended by an editor.</summary>
public enum PreviewLinkState
{
    Active,
    Expired,
    Revoked,
}

/// <summary>One preview link of an article, as its list shows it (never the token).</summary>
public sealed record PreviewLink(
    long Id, long ArticleId, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null)
{
    /// <summary>The choices of the form, in days; <see cref="DefaultDays"/> is preselected.</summary>
    public static IReadOnlyList<int> ExpiryDays { get; } = [1, 7, 30];

    public const int DefaultDays = 7;

    public PreviewLinkState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? PreviewLinkState.Revoked
        : ExpiresAt <= now ? PreviewLinkState.Expired
        : PreviewLinkState.Active;
}

/// <summary>Where the article a link shows stands now.</summary>
public enum PreviewArticleState
{
    /// <summary>A draft (in review or returned included) or scheduled: the preview shows it.</summary>
    Unpublished,

    /// <summary>Readers see it now: the link sends them to the article's address.</summary>
    Published,

    /// <summary>In the trash: the link shows nothing.</summary>
    Trashed,
}

/// <summary>
/// What a token opens: the link, and its article as readers would see it (<see cref="Article"/> has the article's own
/// date, or the moment of asking for a draft without one).
/// </summary>
public sealed record PreviewTarget(PreviewLink Link, PreviewArticleState ArticleState, PublishedArticle Article);

/// <summary>
/// Preview links (decision 0020). Making and revoking one are recorded in the audit log in the same transaction.
/// Nothing here is public: no journal entry, no change signal, no eviction.
/// </summary>
public interface IPreviewLinkStore
{
    /// <summary>
    /// A new link for a draft, article in review or scheduled article, ending <paramref name="expiresAt"/>; null when the
    /// article does not exist, is published now or is in the trash (checked in the same write).
    /// </summary>
    /// <param name="tokenHash"><see cref="PreviewToken.Hash"/> of the token the link carries.</param>
    Task<PreviewLink?> CreateAsync(
        long articleId, string tokenHash, DateTimeOffset expiresAt, string account, string? address, CancellationToken cancellationToken = default);

    /// <summary>The article's links, newest first, revoked and expired ones included.</summary>
    Task<IReadOnlyList<PreviewLink>> ListAsync(long articleId, CancellationToken cancellationToken = default);

    /// <returns>Whether a link of that article was revoked now (false: unknown, or revoked before).</returns>
    Task<bool> RevokeAsync(long articleId, long linkId, string account, string? address, CancellationToken cancellationToken = default);

    /// <summary>The link of that hash with its article; null for an unknown hash.</summary>
    Task<PreviewTarget?> FindAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default);
}
