using NewsSite.Web.Accounts;
using NewsSite.Web.Caching;
using NewsSite.Web.Commands;
using NewsSite.Web.Editing;
using NewsSite.Web.Errors;
using NewsSite.Web.Hardening;
using NewsSite.Web.Health;
using NewsSite.Web.Hosting;
using NewsSite.Web.Images;
using NewsSite.Web.Localization;
using NewsSite.Web.Nodes;
using NewsSite.Web.Syndication;

var command = CommandLine.Parse(args);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = command is null ? args : [],
    ContentRootPath = SitePaths.PublishedContentRoot(args),
});
builder.Configuration.AddInMemoryCollection(command?.Settings ?? []);
builder.AddNewsSiteLogging(quiet: command is not null);
builder.AddNewsSite();
builder.AddNodeSharing();
builder.AddNewsSiteLocalization();
builder.AddNewsSiteAccounts();
builder.AddNewsSiteSyndication();
builder.AddPageCaching();
builder.AddHttpHardening();
builder.AddRequestRateLimits();
builder.AddHealthEndpoints();
builder.Services.AddRazorPages(options =>
{
    AdminArea.Conventions(options);
    options.Conventions.Add(new PublicPageCachingConvention());
});

var app = builder.Build();

if (!app.Services.HasValidOptions(Console.Error))
{
    return 1;
}

if (command is not null)
{
    return await command.RunAsync(app.Services, Console.In, Console.Out);
}

app.UseHttpHardening();
app.UseNewsSiteRequestLogging();
app.UseSiteCulture();
app.UseGermanErrorPages();
app.MapStaticAssets();
app.UseArticleImages();
app.UseRateLimiter();
app.UsePageCache();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages().WithStaticAssets();
app.MapAutosave();
app.MapPictureLibrary();
app.MapNewsSiteSyndication();
app.MapHealthEndpoints();

await app.Services.PrepareDatabaseAsync();
await app.Services.StartPageCacheAsync();
await app.RunAsync();
return 0;
