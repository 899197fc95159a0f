namespace NewsSite.Web.Pages;

/// <summary>
/// A page's own feeds, announced in its head for autodiscovery (ViewData["Feeds"]): the tag page announces the tag's
/// feeds, the author page the author's. The layout announces the site's feeds on every page.
/// </summary>
/// <param name="Label">What the feeds carry, e.g. "Thema Köln".</param>
/// <param name="PagePath">The page the feeds stand for; each feed's path is derived from it.</param>
public sealed record FeedLinks(string Label, string PagePath);
