using NewsSite.Web.Infrastructure;
using Serilog;

var command = CommandLine.Parse(args);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = command is null ? args : [],
    ContentRootPath = SitePaths.PublishedContentRoot(args),
});
builder.AddNewsSiteLogging(quiet: command is not null);
builder.AddNewsSite();
builder.Services.AddRazorPages();

var app = builder.Build();

if (!app.Services.HasValidOptions(Console.Error))
{
    return 1;
}

if (command is not null)
{
    return await command.RunAsync(app.Services, Console.Out);
}

app.UseGermanErrorPages();
app.UseSerilogRequestLogging();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();

await app.Services.PrepareDatabaseAsync();
await app.RunAsync();
return 0;
