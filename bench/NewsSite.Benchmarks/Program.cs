using BenchmarkDotNet.Running;
using NewsSite.Benchmarks;

// dotnet run -c Release --project bench/NewsSite.Benchmarks -- [--data <dir>] [--data-small <dir>] --filter '*'
// --data and --data-small name the site's data folders (or database files) for the related-articles benchmarks;
// they become environment variables so that the benchmark processes BenchmarkDotNet starts see them too.
var rest = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    var name = args[i] switch
    {
        "--data" => BenchDatabases.LargeVariable,
        "--data-small" => BenchDatabases.SmallVariable,
        _ => null,
    };
    if (name is null)
    {
        rest.Add(args[i]);
    }
    else if (i + 1 < args.Length)
    {
        Environment.SetEnvironmentVariable(name, Path.GetFullPath(args[++i]));
    }
    else
    {
        await Console.Error.WriteLineAsync($"{args[i]} braucht einen Ordner.");
        return 2;
    }
}

var types = new List<Type> { typeof(MarkdownBenchmarks) };
if (BenchDatabases.Configured().Count > 0)
{
    types.Add(typeof(RelatedArticlesBenchmarks));
}
else
{
    await Console.Error.WriteLineAsync(
        $"Hinweis: keine Datenbank angegeben ({BenchDatabases.LargeVariable} oder --data); die Abfrage verwandter Artikel wird nicht gemessen.");
}

BenchmarkSwitcher.FromTypes([.. types]).Run([.. rest]);
return 0;
