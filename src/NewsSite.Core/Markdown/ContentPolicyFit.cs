using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace NewsSite.Core.Markdown;

/// <summary>
/// What Markdig would write that the site's own Content-Security-Policy (style-src 'self', img-src 'self' https:)
/// would block in the reader's browser, changed at write time into what it allows:
/// <list type="bullet">
/// <item>A pipe table's column alignment becomes a class ("align-right", styled in site.css) instead of an inline
/// style attribute, which style-src 'self' refuses.</item>
/// <item>A picture by http: is asked for by https: (as browsers upgrade mixed content anyway); a picture under any
/// other scheme (mailto:, ftp:) cannot load under img-src and stays as its alt text.</item>
/// </list>
/// </summary>
internal static class ContentPolicyFit
{
    public static void Apply(MarkdownDocument document)
    {
        foreach (var table in document.Descendants<Table>())
        {
            MoveAlignmentToClasses(table);
        }

        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage).ToList())
        {
            FitImageSource(image);
        }
    }

    private static void MoveAlignmentToClasses(Table table)
    {
        foreach (var row in table.OfType<TableRow>())
        {
            for (var i = 0; i < row.Count; i++)
            {
                // The column as Markdig's table renderer finds it: the cell's own index, else its place in the row.
                var cell = (TableCell)row[i];
                var column = Math.Min(cell.ColumnIndex >= 0 ? cell.ColumnIndex : i, table.ColumnDefinitions.Count - 1);
                if (column >= 0 && table.ColumnDefinitions[column].Alignment is { } alignment)
                {
                    cell.GetAttributes().AddClass(alignment switch
                    {
                        TableColumnAlign.Center => "align-center",
                        TableColumnAlign.Right => "align-right",
                        _ => "align-left",
                    });
                }
            }
        }

        // Without an alignment the renderer writes no style attribute; widths (never inferred here) likewise.
        foreach (var definition in table.ColumnDefinitions)
        {
            definition.Alignment = null;
            definition.Width = 0;
        }
    }

    private static void FitImageSource(LinkInline image)
    {
        switch (MarkdownRenderer.SchemeOf(image.Url))
        {
            case null or "https":
                return; // relative to the site ('self') or already https:
            case "http":
                var url = image.Url!.Trim();
                image.Url = "https" + url[url.IndexOf(':', StringComparison.Ordinal)..];
                return;
            default:
                image.ReplaceBy(new LiteralInline(MarkdownRenderer.PlainTextOf(image)));
                return;
        }
    }
}
