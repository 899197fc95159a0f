using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NewsSite.Core.Ressorts;

/// <summary>
/// ressorts.yml in a content folder: the Ressort list in the order of the navigation, each with its name and, when it
/// is not the one derived from the name, its slug. The import stores it when the site has no Ressort yet; the export
/// writes it, so that a site exported and imported into an empty database keeps its list.
/// </summary>
public static class RessortListFile
{
    public const string FileName = "ressorts.yml";

    /// <exception cref="ArticleFormatException">With the file's line and a German message.</exception>
    public static IReadOnlyList<RessortDraft> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ArticleFormatException(FileName, $"Die Datei ist kein gültiges YAML ({e.Message}).", (int)e.Start.Line);
        }

        if (stream.Documents.Count == 0)
        {
            return [];
        }

        if (stream.Documents[0].RootNode is not YamlSequenceNode list)
        {
            throw Shape(stream.Documents[0].RootNode);
        }

        var drafts = new List<RessortDraft>();
        foreach (var item in list)
        {
            if (item is not YamlMappingNode fields || fields.Children.Keys.Any(k => k is not YamlScalarNode { Value: "name" or "slug" }))
            {
                throw Shape(item);
            }

            var name = Scalar(fields, "name")?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                throw new ArticleFormatException(FileName, "Hier fehlt der Name des Ressorts („name: …“).", (int)item.Start.Line, "name");
            }

            var draft = new RessortDraft(name, Scalar(fields, "slug")?.Trim() ?? Slug.FromText(name, fallback: "ressort"));
            if (draft.Problem() is { } problem)
            {
                throw new ArticleFormatException(FileName, problem.Message, (int)item.Start.Line, problem.Field);
            }

            if (drafts.Any(d => string.Equals(d.Name, draft.Name, StringComparison.OrdinalIgnoreCase) || d.Slug == draft.Slug))
            {
                throw new ArticleFormatException(FileName, $"Das Ressort „{draft.Name}“ ({draft.Slug}) steht zweimal in der Liste.", (int)item.Start.Line);
            }

            drafts.Add(draft);
        }

        return drafts;
    }

    public static string Write(IReadOnlyList<RessortDraft> ressorts)
    {
        ArgumentNullException.ThrowIfNull(ressorts);
        var text = new StringBuilder("# Die Ressorts in der Reihenfolge der Navigation; der Slug ist die Adresse (/ressort/<slug>).\n");
        foreach (var ressort in ressorts)
        {
            text.Append("- name: ").Append(YamlText.Quote(ressort.Name)).Append('\n');
            text.Append("  slug: ").Append(ressort.Slug).Append('\n');
        }

        return text.ToString();
    }

    private static string? Scalar(YamlMappingNode fields, string key) =>
        fields.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? value is YamlScalarNode scalar ? scalar.Value : throw new ArticleFormatException(FileName, "Hier wird ein Text erwartet.", (int)value.Start.Line, key)
            : null;

    private static ArticleFormatException Shape(YamlNode node) => new(FileName,
        "Die Datei ist eine Liste von Ressorts, je Eintrag „- name: Politik“ und, wenn nötig, darunter „  slug: politik“.",
        (int)node.Start.Line);
}
