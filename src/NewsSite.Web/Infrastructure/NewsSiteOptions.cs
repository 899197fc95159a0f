using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Infrastructure;

/// <summary>The "NewsSite" configuration section; environment variables use NewsSite__DataDirectory and so on.</summary>
public sealed class NewsSiteOptions
{
    public const string SectionName = "NewsSite";

    /// <summary>Holds the SQLite database. Relative paths are taken from the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Markdown articles imported on first start. Relative paths are taken from the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ContentDirectory { get; set; } = "content";

    [Required(AllowEmptyStrings = false)]
    [StringLength(100)]
    public string SiteName { get; set; } = "NewsSite";

    [Range(1, 100)]
    public int PageSize { get; set; } = 10;
}
