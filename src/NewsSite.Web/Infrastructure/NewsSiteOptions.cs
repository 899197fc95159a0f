using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Infrastructure;

/// <summary>The "NewsSite" configuration section; environment variables use NewsSite__DataDirectory and so on.</summary>
public sealed class NewsSiteOptions
{
    public const string SectionName = "NewsSite";

    /// <summary>Holds the SQLite database. Relative paths are taken from the content root.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "NewsSite:DataDirectory muss einen Ordner nennen.")]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Markdown articles imported on first start. Relative paths are taken from the content root.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "NewsSite:ContentDirectory muss einen Ordner nennen.")]
    public string ContentDirectory { get; set; } = "content";

    [Required(AllowEmptyStrings = false, ErrorMessage = "NewsSite:SiteName darf nicht leer sein.")]
    [StringLength(100, ErrorMessage = "NewsSite:SiteName darf höchstens 100 Zeichen lang sein.")]
    public string SiteName { get; set; } = "NewsSite";

    [Range(1, 100, ErrorMessage = "NewsSite:PageSize muss zwischen 1 und 100 liegen.")]
    public int PageSize { get; set; } = 10;
}
