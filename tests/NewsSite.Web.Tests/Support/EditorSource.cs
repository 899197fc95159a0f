using NewsSite.Core.Editing;

namespace NewsSite.Web.Tests.Support;

/// <summary>
/// Tests write articles as files (front matter and body) because that is how articles are read best; the browser form
/// has a field for each value and the body alone. This fills the form the way an editor would type that file into it.
/// </summary>
public static class EditorSource
{
    public static Dictionary<string, string> Form(string markdown, Dictionary<string, string>? overrides = null)
    {
        var form = EditorForm.FromSource(markdown);
        var fields = form.Fields;
        var values = new Dictionary<string, string>
        {
            ["Fields.Title"] = fields.Title,
            ["Fields.Slug"] = fields.Slug,
            ["Fields.Author"] = fields.Author,
            ["Fields.Date"] = fields.Date,
            ["Fields.Tags"] = fields.Tags,
            ["Fields.Summary"] = fields.Summary,
            ["Fields.Ressort"] = fields.Ressort,
            ["Fields.Image"] = fields.Image,
            ["Fields.ImageAlt"] = fields.ImageAlt,
            ["Fields.ImageCaption"] = fields.ImageCaption,
            ["Fields.ImageCredit"] = fields.ImageCredit,
            ["Body"] = form.Body,
        };
        foreach (var (name, value) in overrides ?? [])
        {
            values[name] = value;
        }

        return values;
    }
}
