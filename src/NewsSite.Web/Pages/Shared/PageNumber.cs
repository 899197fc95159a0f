using System.Globalization;

namespace NewsSite.Web.Pages;

/// <summary>The ?seite= query value of listings: absent means 1, anything but a positive whole number is refused.</summary>
public static class PageNumber
{
    public const string QueryName = "seite";

    // Far beyond any real archive; keeps OFFSET arithmetic harmless.
    public const int Max = 1_000_000;

    public static bool TryParse(string? text, out int page)
    {
        page = 1;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        return text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out page)
            && page is >= 1 and <= Max;
    }
}
