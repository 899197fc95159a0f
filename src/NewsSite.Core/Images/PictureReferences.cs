using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NewsSite.Core.Articles;
using NewsSite.Core.Editing;

namespace NewsSite.Core.Images;

/// <summary>A Markdown file's text with its pictures stored, and what could not be taken, in German.</summary>
public sealed record ResolvedPictures(string Text, IReadOnlyList<string> Warnings);

/// <summary>
/// Pictures that a Markdown file from content/ or a zip names by a path relative to itself (front matter image:, and
/// ![…](bilder/x.jpg) in the body): each file is read, checked and stored like an upload, and the reference in the
/// text replaced by the picture's address on the site (/bilder/…). The stored source is then self-contained: it can be
/// edited in the admin, exported and imported elsewhere without the folder it came from. Names are content hashes, so
/// the same folder imported again gives the same text and stays "unchanged". A file that is not there is left as
/// written, and the parser reports it as missing.
/// </summary>
public static class PictureReferences
{

    /// <param name="readSibling">
    /// The bytes of a file by its path relative to the root of the import (forward slashes, no "..", already checked
    /// to stay inside), or null when there is no such file. It owns the limits of its source.
    /// </param>
    public static async Task<ResolvedPictures> ResolveAsync(
        string sourceName, string text, string markdownPath, Func<string, CancellationToken, Task<byte[]?>> readSibling,
        ImageStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(readSibling);
        text = ArticleText.Normalize(sourceName, text);
        var warnings = new List<string>();
        FrontMatterReader.FrontMatterBlock? block;
        try
        {
            block = FrontMatterReader.Split(sourceName, text);
        }
        catch (ArticleFormatException)
        {
            return new ResolvedPictures(text, warnings); // the parser says what is wrong, with the line
        }

        if (block is null)
        {
            return new ResolvedPictures(text, warnings);
        }

        var stored = new Dictionary<string, string?>(StringComparer.Ordinal);
        async Task<string?> StoreAsync(string reference)
        {
            if (stored.TryGetValue(reference, out var known))
            {
                return known;
            }

            string? url = null;
            if (RelativeTo(markdownPath, reference) is { } path && await readSibling(path, cancellationToken) is { } bytes)
            {
                try
                {
                    url = ImageStore.UrlPrefix + (await store.SaveAsync(bytes, cancellationToken)).FileName;
                }
                catch (ImageRejectedException e)
                {
                    warnings.Add($"Das Bild „{reference}“ wurde nicht übernommen: {e.Message}");
                }
            }

            stored[reference] = url;
            return url;
        }

        // The body first, from its end, so that earlier positions stay valid; then the front matter line.
        var bodyStart = text.Length - block.Body.Length;
        var body = block.Body;
        // Markdig finds the pictures; their addresses are replaced where written as "](address", the form every
        // editor uses. One written otherwise (escaped, split over lines) stays, and the parser reports it missing.
        var addresses = Markdig.Markdown.Parse(body).Descendants<LinkInline>()
            .Where(l => l.IsImage && IsRelative(l.Url)).Select(l => l.Url!).Distinct(StringComparer.Ordinal).ToList();
        foreach (var address in addresses)
        {
            if (await StoreAsync(address) is { } url)
            {
                body = Regex.Replace(body, @"\]\(([ \t]*<?)" + Regex.Escape(address) + @"(?=[\s>)])", match => "](" + match.Groups[1].Value + url);
            }
        }

        text = text[..bodyStart] + body;
        var lead = LeadReference(sourceName, block.Yaml);
        if (lead is not null && IsRelative(lead) && await StoreAsync(lead) is { } leadUrl)
        {
            text = FrontMatterEditor.Apply(text, [new(FrontMatterReader.ImageField, leadUrl)]);
        }

        return new ResolvedPictures(text, warnings);
    }

    private static string? LeadReference(string sourceName, string yaml)
    {
        try
        {
            var source = FrontMatterReader.Read(sourceName, "---\n" + yaml + "\n---\n");
            return source.FrontMatter.Image?.Source;
        }
        catch (ArticleFormatException)
        {
            return null;
        }
    }

    private static bool IsRelative(string? url) =>
        !string.IsNullOrWhiteSpace(url) && Markdown.MarkdownRenderer.SchemeOf(url) is null && !url.StartsWith('/') && !url.Contains('\\', StringComparison.Ordinal);

    /// <summary>The path below the import's root, or null when the reference would leave it.</summary>
    public static string? RelativeTo(string markdownPath, string reference)
    {
        ArgumentNullException.ThrowIfNull(markdownPath);
        ArgumentNullException.ThrowIfNull(reference);
        var parts = new List<string>();
        var directory = markdownPath.Replace('\\', '/');
        var slash = directory.LastIndexOf('/');
        if (slash >= 0)
        {
            parts.AddRange(directory[..slash].Split('/', StringSplitOptions.RemoveEmptyEntries));
        }

        foreach (var part in Uri.UnescapeDataString(reference.Split('?', '#')[0]).Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                    continue;
                default:
                    parts.Add(part);
                    continue;
            }
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }
}
