using Microsoft.Extensions.FileProviders;

// Usage: dotnet StaticCeiling.dll <folder> --urls http://127.0.0.1:PORT
// Serves the files of <folder> and nothing else, with the same Kestrel defaults as the site, so that the site's
// pages can be measured against what the server alone can do with the same bytes.
if (args.Length == 0 || !Directory.Exists(args[0]))
{
    await Console.Error.WriteLineAsync("Aufruf: StaticCeiling <ordner> [--urls http://127.0.0.1:PORT]");
    return 2;
}

var folder = Path.GetFullPath(args[0]);
var builder = WebApplication.CreateBuilder(args[1..]);

// The site logs its requests through Serilog only at warning level during the benchmark; here nothing is logged.
builder.Logging.ClearProviders();

var app = builder.Build();
app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder) });
await app.RunAsync();
return 0;
