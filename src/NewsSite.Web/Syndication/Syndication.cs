namespace NewsSite.Web.Syndication;

/// <summary>Feeds, sitemaps and robots.txt: registered and mapped together, so Program.cs names them once.</summary>
public static class Syndication
{
    internal static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static WebApplicationBuilder AddNewsSiteSyndication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<FeedBuilder>();
        builder.Services.AddSingleton<FeedEndpoints>();
        builder.Services.AddSingleton<SitemapEndpoints>();
        return builder;
    }

    public static IEndpointRouteBuilder MapNewsSiteSyndication(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        FeedEndpoints.Map(endpoints);
        SitemapEndpoints.Map(endpoints);
        return endpoints;
    }
}
