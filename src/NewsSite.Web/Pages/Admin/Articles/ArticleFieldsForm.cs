using NewsSite.Core.Articles;
using NewsSite.Core.Editing;

namespace NewsSite.Web.Pages.Admin.Articles;

/// <summary>The article form's fields as posted; empty inputs arrive as null.</summary>
public sealed class ArticleFieldsForm
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Author { get; set; }
    public string? Date { get; set; }
    public string? Tags { get; set; }
    public string? Summary { get; set; }
    public string? Ressort { get; set; }
    public string? Image { get; set; }
    public string? ImageAlt { get; set; }
    public string? ImageCaption { get; set; }
    public string? ImageCredit { get; set; }

    public static ArticleFieldsForm From(EditorFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new ArticleFieldsForm
        {
            Title = fields.Title,
            Slug = fields.Slug,
            Author = fields.Author,
            Date = fields.Date,
            Tags = fields.Tags,
            Summary = fields.Summary,
            Ressort = fields.Ressort,
            Image = fields.Image,
            ImageAlt = fields.ImageAlt,
            ImageCaption = fields.ImageCaption,
            ImageCredit = fields.ImageCredit,
        };
    }

    public EditorFields ToFields() => new(
        Title ?? "", Slug ?? "", Author ?? "", Date ?? "", Tags ?? "", Summary ?? "", Ressort ?? "",
        Image ?? "", ImageAlt ?? "", ImageCaption ?? "", ImageCredit ?? "");
}

/// <summary>The ids of the form's inputs, by the front matter key each one writes.</summary>
public static class EditorInputs
{
    public const string Body = "body";

    /// <summary>The input a problem belongs beside; the text for every key the form has no input for.</summary>
    public const string Correction = ArticleDraft.CorrectionField;

    public static string? Of(string? frontMatterKey) => frontMatterKey switch
    {
        null or ArticleDraft.BodyField => Body,
        ArticleDraft.CorrectionField => Correction,
        _ when EditorFields.Keys.Contains(frontMatterKey) => frontMatterKey,
        _ => Body,
    };
}

/// <summary>The German label of each input, for the error summary's links.</summary>
public static class EditorLabels
{
    public static string Of(string input) => input switch
    {
        "title" => "Titel",
        "slug" => "Adresse",
        "author" => "Autor",
        "date" => "Erscheinungsdatum",
        "tags" => "Tags",
        "summary" => "Zusammenfassung",
        "ressort" => "Ressort",
        "image" => "Aufmacherbild",
        "image-alt" => "Bildbeschreibung",
        "image-caption" => "Bildunterschrift",
        "image-credit" => "Foto",
        "image-upload" => "Bild hochladen",
        "review" => "Prüfung",
        "review-comment" => "Kommentar zur Prüfung",
        EditorInputs.Correction => "Korrektur",
        EditorInputs.Body => "Text",
        _ => input,
    };
}
