using System.Globalization;
using NewsSite.Core.Articles;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Pages;

/// <summary>The model of _Pagination: where we are, and the listing's own path for the neighbouring pages.</summary>
public sealed record Pagination(PagedList<ArticleTeaser> Page, string Path)
{
    public string UrlFor(int page) => page <= 1
        ? Path
        : $"{Path}?{PageNumber.QueryName}={page.ToString(CultureInfo.InvariantCulture)}";
}
