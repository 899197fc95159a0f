using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Web.Caching;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Pages.Tags;

/// <summary>A group of the overview: the tags that begin with one letter.</summary>
/// <param name="Anchor">The id of the group's heading, for the jump links: "buchstabe-a".</param>
public sealed record TagGroup(string Initial, string Anchor, IReadOnlyList<TagCount> Tags);

/// <summary>Every tag with published articles, alphabetically as in German (Ä with A), under its initial letter.</summary>
[CachedPublicPage(PageCacheScope.SiteWide)]
public sealed class TagOverviewModel(IArticleListings articles, TimeProvider clock) : PageModel
{
    public IReadOnlyList<TagGroup> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var tags = await articles.ListTagsWithArticlesAsync(clock.GetUtcNow(), cancellationToken);

        // GroupBy keeps the order in which initials first appear, which is the German order of the tags.
        Groups = tags.GroupBy(t => InitialOf(t.Name))
            .Select(g => new TagGroup(g.Key, Anchor(g.Key), [.. g]))
            .ToList();
    }

    /// <summary>"Ärzte" under A, "Élysée" under E, "2025" under 0–9, "#MeToo" under #.</summary>
    public static string InitialOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var first = name.Trim().Normalize(NormalizationForm.FormD).FirstOrDefault();
        return first switch
        {
            'ß' => "S", // sorted as "ss"
            _ when char.IsLetter(first) => char.ToUpper(first, GermanFormat.Culture).ToString(),
            _ when char.IsDigit(first) => "0–9",
            _ => "#",
        };
    }

    private static string Anchor(string initial) => initial switch
    {
        "0–9" => "buchstabe-ziffern",
        "#" => "buchstabe-zeichen",
        _ => "buchstabe-" + Slug.FromText(initial, fallback: "x" + ((int)initial[0]).ToString("x4", CultureInfo.InvariantCulture)),
    };
}
