using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using NewsSite.Core.Markdown;

namespace NewsSite.Benchmarks;

/// <summary>
/// MarkdownRenderer.Render: parse, the safety passes (nesting depth, unsafe links) and HTML, as every save and import
/// runs it. The seed is a real article from content/; the long one is built from it to the size of a long feature.
/// </summary>
[MemoryDiagnoser]
public class MarkdownBenchmarks
{
    private readonly MarkdownRenderer _renderer = new();
    private string _markdown = "";

    [Params("seed", "long")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var seed = Body(ReadSeed());
        _markdown = Text == "seed" ? seed : LongArticle(seed);
        Console.WriteLine($"// {Text}: {_markdown.Length} Zeichen Markdown");
    }

    [Benchmark]
    public RenderedMarkdown Render() => _renderer.Render(_markdown);

    private static string ReadSeed()
    {
        using var stream = typeof(MarkdownBenchmarks).Assembly.GetManifestResourceStream("seed.md")
            ?? throw new InvalidOperationException("seed.md fehlt in der Assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // The renderer sees the body only; the front matter is read by ArticleParser before.
    private static string Body(string file)
    {
        var end = file.IndexOf("\n---", 4, StringComparison.Ordinal);
        return end < 0 ? file : file[(end + 4)..].TrimStart('\n');
    }

    /// <summary>
    /// About 26,000 characters: the seed twelve times over, each part under its own heading with a list, quotes,
    /// a footnote, safe links and one javascript: link for the sanitizer to remove.
    /// </summary>
    private static string LongArticle(string seed)
    {
        var text = new StringBuilder();
        for (var part = 1; part <= 12; part++)
        {
            text.Append(CultureInfo.InvariantCulture, $"## Teil {part}: \"Hintergrund\" und Einordnung\n\n");
            text.Append(seed).Append("\n\n");
            text.Append(CultureInfo.InvariantCulture,
                $"""
                - Punkt eins mit [einem Link](https://example.org/teil/{part}) und *Betonung*
                - Punkt zwei mit `Code` -- und einem Gedankenstrich
                - Punkt drei mit [gefährlichem Link](javascript:alert({part})) und <https://example.org/auto/{part}>

                > Ein Zitat mit "Anführungszeichen" und einer Fußnote.[^f{part}]

                [^f{part}]: Die Fußnote zu Teil {part}.


                """);
        }

        return text.ToString();
    }
}
