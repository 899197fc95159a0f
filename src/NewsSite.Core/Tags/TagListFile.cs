using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NewsSite.Core.Tags;

/// <summary>
/// tags.yml in a content folder: tags with the variants (aliases) that stand for them. The export writes it; the import
/// reads it before the articles and stores it into a site that has no alias yet, so that an exported site imported
/// into an empty database files "Koeln" under "Köln" as before.
/// </summary>
public static class TagListFile
{
    public const string FileName = "tags.yml";

    /// <exception cref="ArticleFormatException">With the file's line and a German message.</exception>
    public static IReadOnlyList<TagAliasEntry> Parse(string text)
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

        var entries = new List<TagAliasEntry>();
        foreach (var item in list)
        {
            if (item is not YamlMappingNode fields || fields.Children.Keys.Any(k => k is not YamlScalarNode { Value: "name" or "aliases" }))
            {
                throw Shape(item);
            }

            var name = fields.Children.TryGetValue(new YamlScalarNode("name"), out var nameNode) && nameNode is YamlScalarNode scalar ? scalar.Value : null;
            if (TagName.TryCreate(name) is null)
            {
                throw new ArticleFormatException(FileName, "Hier fehlt der Name des Schlagworts („name: …“) oder er ist länger als " +
                    $"{TagName.MaxLength} Zeichen.", (int)item.Start.Line, "name");
            }

            var aliases = new List<string>();
            if (fields.Children.TryGetValue(new YamlScalarNode("aliases"), out var aliasNode))
            {
                if (aliasNode is not YamlSequenceNode sequence || sequence.Any(a => a is not YamlScalarNode))
                {
                    throw new ArticleFormatException(FileName, "Die Varianten sind eine Liste, z. B. „aliases: [Koeln, Kölle]“.", (int)aliasNode.Start.Line, "aliases");
                }

                foreach (var alias in sequence.Cast<YamlScalarNode>())
                {
                    if (TagName.TryCreate(alias.Value) is null)
                    {
                        throw new ArticleFormatException(FileName, $"Die Variante „{alias.Value}“ ist leer oder länger als {TagName.MaxLength} Zeichen.", (int)alias.Start.Line, "aliases");
                    }

                    aliases.Add(alias.Value!.Trim());
                }
            }

            entries.Add(new TagAliasEntry(name!.Trim(), aliases));
        }

        return entries;
    }

    public static string Write(IReadOnlyList<TagAliasEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var text = new StringBuilder("# Schlagwörter mit ihren Varianten: Ein Artikel, der eine Variante nennt, bekommt beim Import das Schlagwort.\n");
        foreach (var entry in entries)
        {
            text.Append("- name: ").Append(YamlText.Quote(entry.Name)).Append('\n');
            text.Append("  aliases: ").Append(YamlText.List(entry.Aliases)).Append('\n');
        }

        return text.ToString();
    }

    private static ArticleFormatException Shape(YamlNode node) => new(FileName,
        "Die Datei ist eine Liste von Schlagwörtern, je Eintrag „- name: Köln“ und darunter „  aliases: [Koeln]“.",
        (int)node.Start.Line);
}
