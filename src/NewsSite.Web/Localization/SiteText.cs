using System.Globalization;
using Microsoft.Extensions.Localization;
using NewsSite.Core.Articles;

namespace NewsSite.Web.Localization;

/// <summary>
/// The words of the reader pages, from SiteText.resx (German, the neutral language) and SiteText.en.resx, in the
/// culture that <c>NewsSite:Culture</c> sets for every request. Views inject it as <c>T</c>: <c>@T["RelatedArticles"]</c>.
/// The editors' admin area stays German; see docs/decisions/0006-localization.md.
/// </summary>
public sealed class SiteText(IStringLocalizer<SiteText> strings)
{
    public string this[string key] => strings[key];

    /// <summary>A text with placeholders, formatted in the current culture ("{0:N0} Treffer" → "1.234 Treffer").</summary>
    public string this[string key, params object[] arguments] => strings[key, arguments];

    /// <summary>
    /// A text around a piece that the view writes itself, such as a reader's query in &lt;bdi&gt;: "Keine Treffer für
    /// „{0}“." gives ("Keine Treffer für „", "“."). Further placeholders ({1}, …) take <paramref name="arguments"/>.
    /// </summary>
    public (string Before, string After) Around(string key, params object[] arguments)
    {
        const string Gap = "\uE002"; // private use: never part of a resource text
        var text = strings[key, [Gap, .. arguments]].Value;
        var gap = text.IndexOf(Gap, StringComparison.Ordinal);
        return gap < 0 ? (text, "") : (text[..gap], text[(gap + Gap.Length)..]);
    }

    /// <summary>"12. März 2025" or "March 12, 2025", in newsroom time.</summary>
    public string Date(DateTimeOffset instant) =>
        NewsroomTime.ToLocal(instant).ToString(strings["DateFormat"], CultureInfo.CurrentCulture);

    /// <summary>"12. März 2025, 09:30 Uhr" or "March 12, 2025, 9:30 AM": when a story appeared, as news sites write it.</summary>
    public string DateTime(DateTimeOffset instant) =>
        NewsroomTime.ToLocal(instant).ToString(strings["DateTimeFormat"], CultureInfo.CurrentCulture);

    /// <summary>"März 2025" or "March 2025": a month of the archive.</summary>
    public string Month(ArchiveMonth month) =>
        new System.DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString(strings["MonthFormat"], CultureInfo.CurrentCulture);

    /// <summary>"1 Artikel", "1.234 Artikel"; "1 article", "1,234 articles".</summary>
    public string ArticleCount(int count) => count == 1 ? this["ArticleCountOne"] : this["ArticleCount", count];

    /// <summary>For &lt;html lang&gt;: "de" or "en"; the region adds nothing for readers or screen readers.</summary>
    public static string HtmlLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>For feeds and JSON-LD: "de-DE" or "en-US".</summary>
    public static string LanguageTag => CultureInfo.CurrentUICulture.Name;

    /// <summary>For og:locale: "de_DE".</summary>
    public static string OpenGraphLocale => LanguageTag.Replace('-', '_');
}
