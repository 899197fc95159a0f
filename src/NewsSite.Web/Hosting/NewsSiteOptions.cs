using System.ComponentModel.DataAnnotations;
using NewsSite.Core.Images;

namespace NewsSite.Web.Hosting;

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

    /// <summary>
    /// The site's public address, e.g. https://nachrichten.example.de. Every absolute URL (feeds, sitemaps, canonical
    /// links, sharing tags) is built from it and never from the request's Host header, which a client can forge.
    /// No default: a feed pointing at the wrong host is worse than a start that asks for the setting.
    /// </summary>
    [PublicSiteAddress]
    public string? BaseUrl { get; set; }

    /// <summary>
    /// The language of the reader pages and feeds: their words, dates and numbers. The admin area stays German.
    /// </summary>
    [AllowedValues("de-DE", "en-US", ErrorMessage = "NewsSite:Culture muss „de-DE“ oder „en-US“ sein.")]
    public string Culture { get; set; } = "de-DE";

    [Range(1, 100, ErrorMessage = "NewsSite:PageSize muss zwischen 1 und 100 liegen.")]
    public int PageSize { get; set; } = 10;

    /// <summary>
    /// The one size limit of an article: its file as the export writes it, in UTF-8 bytes. The editor's save, the
    /// upload, the import and the export check it alike (ArticleFileLimit), so every stored article goes back in.
    /// </summary>
    [Range(1024, 50 * 1024 * 1024, ErrorMessage = "NewsSite:MaxMarkdownFileBytes muss zwischen 1 KB und 50 MB liegen.")]
    public long MaxMarkdownFileBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Markdown files one upload may hold, loose and in zips together. Per request, not per zip: several zips would
    /// otherwise each pass a per-zip limit.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "NewsSite:MaxFilesPerUpload muss zwischen 1 und 10.000 liegen.")]
    public int MaxFilesPerUpload { get; set; } = 200;

    /// <summary>
    /// Bytes one upload may unpack, all files and zip entries together. A zip of 53 KB can hold 34 MB of articles;
    /// this bounds what one request writes, whatever it is compressed to. By default what an uncompressed request
    /// may carry (MaxRequestBytes).
    /// </summary>
    [Range(1024, 1024L * 1024 * 1024, ErrorMessage = "NewsSite:MaxUploadBytes muss zwischen 1 KB und 1 GB liegen.")]
    [NotBelow(nameof(MaxMarkdownFileBytes))]
    public long MaxUploadBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Largest image an editor may upload.</summary>
    [Range(1024, 50 * 1024 * 1024, ErrorMessage = "NewsSite:MaxImageBytes muss zwischen 1 KB und 50 MB liegen.")]
    public long MaxImageBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// Most pixels a picture may have (width × height × frames), read from its header before it is decoded: a small
    /// file can declare a huge picture that would fill the memory when decoded (a decompression bomb).
    /// </summary>
    [Range(10_000, 200_000_000, ErrorMessage = "NewsSite:MaxImagePixels muss zwischen 10.000 und 200.000.000 liegen.")]
    public long MaxImagePixels { get; set; } = ImageStore.DefaultMaxPixels;

    /// <summary>Largest request body at all (an upload of several files or a zip); larger ones are refused unread.</summary>
    [Range(64 * 1024, 1024L * 1024 * 1024, ErrorMessage = "NewsSite:MaxRequestBytes muss zwischen 64 KB und 1 GB liegen.")]
    public long MaxRequestBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// Keeps rendered public pages and feeds in memory until content changes (docs/performance.md). Off, every
    /// request reads the database and renders; only for measuring and for finding a suspected cache fault.
    /// </summary>
    public bool OutputCacheEnabled { get; set; } = true;

    /// <summary>Memory the page cache may fill; the least recently used pages give way beyond it.</summary>
    [Range(1, 4096, ErrorMessage = "NewsSite:OutputCacheMegabytes muss zwischen 1 und 4096 liegen.")]
    public int OutputCacheMegabytes { get; set; } = 64;

    /// <summary>
    /// With Redis (ConnectionStrings:Redis): memory for each node's copy of the shared page cache, in front of Redis,
    /// so that a page this node has served costs no round trip. 0 asks Redis every time (docs/operations.md).
    /// </summary>
    [Range(0, 4096, ErrorMessage = "NewsSite:LocalPageCacheMegabytes muss zwischen 0 und 4096 liegen.")]
    public int LocalPageCacheMegabytes { get; set; } = 32;

    /// <summary>
    /// The start of every key this site writes into Redis, so that several sites (or tests) can share one server.
    /// </summary>
    [RegularExpression("^[a-z0-9-]{1,40}$", ErrorMessage = "NewsSite:RedisKeyPrefix darf nur aus a–z, 0–9 und „-“ bestehen (1 bis 40 Zeichen).")]
    public string RedisKeyPrefix { get; set; } = "newssite";

    /// <summary>
    /// Searches one client address may start per minute; beyond them it gets 429 with Retry-After. A reader types a
    /// few; a scraper walking the index would make every one a database query.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "NewsSite:SearchRequestsPerMinute muss zwischen 1 und 1.000.000 liegen.")]
    public int SearchRequestsPerMinute { get; set; } = 60;

    /// <summary>
    /// Searches one client address may have running at once; another one from it gets 429 at once. A reader's browser
    /// sends one at a time; a client that keeps several going is not reading.
    /// </summary>
    [Range(1, 1_000, ErrorMessage = "NewsSite:SearchesAtOncePerAddress muss zwischen 1 und 1.000 liegen.")]
    public int SearchesAtOncePerAddress { get; set; } = 2;

    /// <summary>
    /// Searches running at once from all addresses together: by default half the cores (1 of 2), so that however
    /// searches are sent, the other pages keep a core. The costliest search found takes 0.8 s (docs/security.md).
    /// Beyond them a search waits in a queue of <see cref="SearchQueueLength"/>, beyond that it gets 503.
    /// </summary>
    [Range(1, 1_000, ErrorMessage = "NewsSite:SearchesAtOnce muss zwischen 1 und 1.000 liegen.")]
    public int SearchesAtOnce { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Searches that may wait for one of the <see cref="SearchesAtOnce"/>; a waiting one leaves when its reader does.</summary>
    [Range(0, 10_000, ErrorMessage = "NewsSite:SearchQueueLength muss zwischen 0 und 10.000 liegen.")]
    public int SearchQueueLength { get; set; } = 8;

    /// <summary>
    /// Login forms one client address may send per minute, right or wrong. Each costs a password hash; the failure
    /// throttle (LoginThrottle) separately makes a name and address wait after five wrong passwords.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "NewsSite:LoginRequestsPerMinute muss zwischen 1 und 1.000.000 liegen.")]
    public int LoginRequestsPerMinute { get; set; } = 10;

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. Empty: the connection's
    /// address is the client's, and forwarded headers are ignored, since anyone could send them.
    /// </summary>
    [IpAddresses]
    public IList<string> TrustedProxies { get; } = [];
}

/// <summary>
/// A limit that must not be smaller than another setting's: an upload that could not hold one file of the largest
/// allowed size would refuse articles the editor may save.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotBelowAttribute(string otherProperty) : ValidationAttribute
{
    public string OtherProperty { get; } = otherProperty;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var other = validationContext.ObjectType.GetProperty(OtherProperty)?.GetValue(validationContext.ObjectInstance);
        return value is long mine && other is long theirs && mine < theirs
            ? new ValidationResult(
                $"NewsSite:{validationContext.MemberName} ({mine}) darf nicht kleiner sein als NewsSite:{OtherProperty} ({theirs}).",
                [validationContext.MemberName ?? OtherProperty])
            : ValidationResult.Success;
    }
}

/// <summary>Every entry is an IPv4 or IPv6 address.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IpAddressesAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var bad = (value as IEnumerable<string> ?? []).Where(text => !System.Net.IPAddress.TryParse(text, out _)).ToList();
        return bad.Count == 0 ? ValidationResult.Success : new ValidationResult(
            $"NewsSite:{validationContext.MemberName} enthält „{string.Join("“, „", bad)}“: erwartet werden IP-Adressen wie 10.0.0.2 oder ::1.",
            [validationContext.MemberName ?? nameof(NewsSiteOptions.TrustedProxies)]);
    }
}

/// <summary>
/// A site's public address: http or https with a host, nothing after it but "/". Links in pages are root-relative
/// ("/artikel/…"), so the site must live at the root of its host. An attribute rather than IValidatableObject, so that
/// its message comes together with those of the other settings.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PublicSiteAddressAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        string[] member = [validationContext.MemberName ?? nameof(NewsSiteOptions.BaseUrl)];
        var text = value as string;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ValidationResult(
                "NewsSite:BaseUrl fehlt: die öffentliche Adresse der Website, z. B. https://nachrichten.example.de " +
                "(Umgebungsvariable NewsSite__BaseUrl). Feeds, Sitemaps und geteilte Links brauchen sie.", member);
        }

        var valid = Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && string.IsNullOrEmpty(uri.UserInfo)
            && uri.AbsolutePath == "/"
            && string.IsNullOrEmpty(uri.Query)
            && string.IsNullOrEmpty(uri.Fragment);
        return valid ? ValidationResult.Success : new ValidationResult(
            $"NewsSite:BaseUrl „{text}“ ist keine gültige Adresse: erwartet wird http:// oder https:// mit Hostname, " +
            "ohne Pfad, Anfrage oder Anker, z. B. https://nachrichten.example.de.", member);
    }
}
