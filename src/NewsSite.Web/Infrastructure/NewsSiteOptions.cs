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

    /// <summary>Largest Markdown file an editor may upload, checked before the file is read.</summary>
    [Range(1024, 50 * 1024 * 1024, ErrorMessage = "NewsSite:MaxMarkdownFileBytes muss zwischen 1 KB und 50 MB liegen.")]
    public long MaxMarkdownFileBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest image an editor may upload.</summary>
    [Range(1024, 50 * 1024 * 1024, ErrorMessage = "NewsSite:MaxImageBytes muss zwischen 1 KB und 50 MB liegen.")]
    public long MaxImageBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Largest request body at all (an upload of several files or a zip); larger ones are refused unread.</summary>
    [Range(64 * 1024, 1024L * 1024 * 1024, ErrorMessage = "NewsSite:MaxRequestBytes muss zwischen 64 KB und 1 GB liegen.")]
    public long MaxRequestBytes { get; set; } = 32 * 1024 * 1024;
}
