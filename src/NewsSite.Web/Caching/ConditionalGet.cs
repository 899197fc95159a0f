using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsSite.Core.Articles;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Caching;

/// <summary>An answer's validators: its ETag, and Last-Modified where the content has a trustworthy one.</summary>
public sealed record ResponseValidators(EntityTagHeaderValue ETag, DateTimeOffset? LastModified);

/// <summary>
/// Validators derived from the content's version rather than from the rendered bytes, so that a 304 is answered
/// after two index lookups, before anything is read or rendered.
/// </summary>
public sealed class ContentValidators(
    IContentJournal journal, ContentChangeFollower follower, TimeProvider clock, IOptions<NewsSiteOptions> options)
{
    // Whatever else shapes an answer: the code (a new build may render differently) and the settings that appear in
    // pages and feeds. Part of every ETag, so that a deployment or a new site name never earns a stale 304.
    private readonly string _fingerprint = string.Join(
        '|',
        typeof(ContentValidators).Assembly.ManifestModule.ModuleVersionId,
        typeof(IContentJournal).Assembly.ManifestModule.ModuleVersionId,
        options.Value.BaseUrl,
        options.Value.SiteName,
        options.Value.Culture,
        options.Value.PageSize.ToString(CultureInfo.InvariantCulture));

    /// <summary>The follower's version, as exact as the page cache; the database's when it has none (not started, or failing).</summary>
    public async Task<ContentVersion> CurrentAsync(CancellationToken cancellationToken) =>
        follower.Version ?? await journal.FindContentVersionAsync(clock.GetUtcNow(), cancellationToken);

    /// <param name="representation">What is being answered, e.g. the request path: one version, many answers.</param>
    public ResponseValidators For(ContentVersion version, string representation)
    {
        ArgumentNullException.ThrowIfNull(version);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{_fingerprint}\n{version.Stamp}\n{representation}"));

        // Weak: the same content may later be sent compressed in different ways; it stays the same content.
        return new ResponseValidators(new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(hash, 0, 16)}\"", isWeak: true), version.LastChange);
    }
}

/// <summary>GET and HEAD with If-None-Match and If-Modified-Since (RFC 9110, section 13).</summary>
public static class ConditionalGet
{
    /// <summary>
    /// Sets the validators and caching headers; answers 304 when the client's copy is current, otherwise renders and
    /// writes the body (for HEAD only its length).
    /// </summary>
    public static async Task ServeAsync(
        HttpContext context, ResponseValidators validators, string contentType, Func<CancellationToken, Task<byte[]>> render)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(render);
        SetValidators(context.Response, validators);
        if (IsNotModified(context.Request, validators))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        await WriteAsync(context, await render(context.RequestAborted), contentType);
    }

    /// <summary>ETag, Last-Modified and a Cache-Control that has caches ask every time: with the validators, a 304.</summary>
    public static void SetValidators(HttpResponse response, ResponseValidators validators)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(validators);
        var headers = response.GetTypedHeaders();
        headers.CacheControl = new CacheControlHeaderValue { Public = true, NoCache = true };
        headers.ETag = validators.ETag;
        headers.LastModified = validators.LastModified is { } lastModified ? WholeSeconds(lastModified) : null;
    }

    /// <summary>Writes a finished body with its length; for HEAD the headers alone, as GET would send them.</summary>
    public static async Task WriteAsync(HttpContext context, byte[] body, string contentType)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    public static bool IsNotModified(HttpRequest request, ResponseValidators validators)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(validators);
        var headers = request.GetTypedHeaders();

        // If-None-Match wins: with it present, If-Modified-Since is ignored (RFC 9110, 13.2.2).
        if (headers.IfNoneMatch is { Count: > 0 } tags)
        {
            return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(validators.ETag, useStrongComparison: false));
        }

        return headers.IfModifiedSince is { } since
            && validators.LastModified is { } lastModified
            && WholeSeconds(lastModified) <= since;
    }

    // HTTP dates have whole seconds; comparing the stored fraction would make every If-Modified-Since look older.
    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
