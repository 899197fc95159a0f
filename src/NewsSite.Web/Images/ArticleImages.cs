using Microsoft.Net.Http.Headers;
using NewsSite.Core.Images;
using NewsSite.Web.Caching;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Images;

/// <summary>Uploaded pictures and their variants, served from the data directory under /bilder/.</summary>
public static class ArticleImages
{
    public const string UrlPath = "/bilder";

    public static string Folder(SitePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.DataDirectory, "images");
    }

    /// <summary>Made from the originals on demand; may be deleted at any time (it is not backed up), it fills again.</summary>
    public static string VariantsFolder(SitePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.DataDirectory, "image-variants");
    }

    /// <summary>
    /// A file's name is its content's hash (a variant's, its original's), so it never changes: browsers and proxies
    /// may keep it for a year. nosniff makes the browser trust the type taken from the checked bytes, never guess one.
    /// Originals are files of the images folder (on PostgreSQL a cache of the database's, decision 0025); a variant is
    /// made on its first request (decision 0010).
    /// </summary>
    public static WebApplication UseArticleImages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // One endpoint for originals and variants: a static-file middleware would step aside for any matched endpoint.
        app.MapGet(UrlPath + "/{name}", async (string name, HttpContext context, ImageStore originals, PictureVariants variants,
            CancellationToken cancellationToken) =>
        {
            // FindAsync fetches an original this node lacks from the shared files (PostgreSQL, decision 0025).
            var file = ImageStore.IsStoredFileName(name)
                && (File.Exists(originals.PathOf(name)) || await originals.FindAsync(name, cancellationToken) is not null)
                ? (originals.PathOf(name), PictureFormats.ContentType(Path.GetExtension(name)))
                : await variants.FindOrMakeAsync(name, cancellationToken);
            if (file is not { } found)
            {
                return Results.NotFound();
            }

            Immutable(context.Response);
            return Results.File(found.Item1, found.Item2, lastModified: File.GetLastWriteTimeUtc(found.Item1));
        }).KeepOutOfPageCache("Pictures are files named by their content's hash, cached by browsers and proxies for a year; " +
            "holding their bytes in the page cache would only crowd out pages.");
        return app;
    }

    private static void Immutable(HttpResponse response)
    {
        response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
    }
}
