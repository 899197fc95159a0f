namespace NewsSite.Core.SitePages;

/// <summary>
/// A fixed page of the site beside the articles: Impressum, Datenschutz, Kontakt. Markdown like an article, but with
/// no date, author, tags or feed; its address is the top-level path /&lt;slug&gt;.
/// </summary>
/// <param name="ContentHash">SHA-256 of title and Markdown: an unchanged file or form is recognised and left alone.</param>
public sealed record SitePageContent(string Slug, string Title, string Markdown, string BodyHtml, string ContentHash);

/// <summary>What a reader sees of a fixed page.</summary>
public sealed record SitePage(string Slug, string Title, string BodyHtml, DateTimeOffset UpdatedAt);

/// <summary>A fixed page as an editor edits it.</summary>
public sealed record EditableSitePage(string Slug, string Title, string Markdown, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>A link to a fixed page, for the footer and the admin's list.</summary>
public sealed record SitePageLink(string Slug, string Title);

public enum SitePageWriteKind
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>A fixed page that cannot be stored as given; the message is German and names the field.</summary>
/// <param name="Field">"title", "slug" or "markdown": where the form shows the message.</param>
public sealed class SitePageException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
