using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Hardening;

/// <summary>
/// Marks a page whose forms carry files or whole articles: it may receive up to NewsSite:MaxRequestBytes. Every other
/// page's form is small, and a larger body is refused with 413 before it is read.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LargeRequestBodyAttribute : Attribute;

/// <summary>
/// The body limit per page: Kestrel's global limit is the largest (uploads), and this lowers it for every page not
/// marked <see cref="LargeRequestBodyAttribute"/>. It runs before antiforgery, which is the first to read the form.
/// </summary>
public sealed class RequestBodyLimits(IOptions<NewsSiteOptions> options) : IAuthorizationFilter, IOrderedFilter
{
    /// <summary>A login, a bio or an account form is a few KB; 64 KB leaves room without inviting abuse.</summary>
    public const long SmallFormBytes = 64 * 1024;

    // Antiforgery's filter has order 1000.
    public int Order => 900;

    /// <summary>The limit that applies to the current request.</summary>
    public static long? CurrentLimit(HttpContext context) =>
        context?.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var large = context.ActionDescriptor.EndpointMetadata.OfType<LargeRequestBodyAttribute>().Any();
        var feature = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = large ? options.Value.MaxRequestBytes : SmallFormBytes;
        }
    }
}
