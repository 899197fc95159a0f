using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Images;

/// <summary>Uploaded pictures, served from the data directory under /bilder/.</summary>
public static class ArticleImages
{
    public const string UrlPath = "/bilder";

    public static string Folder(SitePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.DataDirectory, "images");
    }

    /// <summary>
    /// A file's name is its content's hash, so it never changes: browsers and proxies may keep it for a year.
    /// nosniff makes the browser trust the type taken from the checked bytes, never guess one of its own.
    /// </summary>
    public static WebApplication UseArticleImages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var folder = Folder(app.Services.GetRequiredService<SitePaths>());
        Directory.CreateDirectory(folder);
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = UrlPath,
            FileProvider = new PhysicalFileProvider(folder),
            ServeUnknownFileTypes = false,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
            },
        });
        return app;
    }
}
