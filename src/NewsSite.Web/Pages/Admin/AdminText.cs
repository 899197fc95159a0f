using NewsSite.Core.Articles;

namespace NewsSite.Web.Pages.Admin;

/// <summary>German words for the admin's states, in one place so that list, filter and edit page agree.</summary>
public static class AdminText
{
    public static string Status(ArticleStatus status) => status switch
    {
        ArticleStatus.Published => "Veröffentlicht",
        ArticleStatus.Scheduled => "Geplant",
        ArticleStatus.InReview => "Zur Prüfung",
        ArticleStatus.Draft => "Entwurf",
        _ => "Papierkorb",
    };

    /// <summary>The article list's status links („Entwürfe (8)“), by ?status= value.</summary>
    public static string CountLabel(string statusValue) => statusValue switch
    {
        "" => "Alle",
        "entwurf" => "Entwürfe",
        _ => StatusFilters.First(f => f.Value == statusValue).Label,
    };

    /// <summary>The ?status= values of the admin list.</summary>
    public static IReadOnlyList<(string Value, string Label, ArticleStatus? Status)> StatusFilters { get; } =
    [
        ("", "Alle außer Papierkorb", null),
        ("veroeffentlicht", "Veröffentlicht", ArticleStatus.Published),
        ("geplant", "Geplant", ArticleStatus.Scheduled),
        ("pruefung", "Zur Prüfung", ArticleStatus.InReview),
        ("entwurf", "Entwurf", ArticleStatus.Draft),
        ("papierkorb", "Papierkorb", ArticleStatus.Trashed),
    ];
}
