using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace NewsSite.Web.Tests.Support;

/// <summary>A file for a file input: name, bytes and the type the browser would claim.</summary>
public sealed record FormFile(string FileName, byte[] Bytes, string ContentType = "text/markdown");

/// <summary>
/// Submits a form the way a browser does: every field the page rendered (hidden ones, the antiforgery token,
/// textareas, selected options) plus what the test types in, to the pressed button's formaction or the form's action,
/// URL-encoded or multipart as the form says.
/// </summary>
public static class HtmlForm
{
    public static HttpContent Build(
        IHtmlFormElement form, IReadOnlyDictionary<string, string>? values, IReadOnlyDictionary<string, FormFile[]>? files,
        IHtmlButtonElement? button)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "file" or "submit" or "button":
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement textArea when !string.IsNullOrEmpty(textArea.Name):
                    fields.Add(new(textArea.Name, textArea.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }

        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        if (button is { Name: { Length: > 0 } buttonName })
        {
            fields.Add(new(buttonName, button.Value));
        }

        if (form.Enctype != "multipart/form-data")
        {
            return new FormUrlEncodedContent(fields);
        }

        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            multipart.Add(new StringContent(value), name);
        }

        foreach (var (name, list) in files ?? new Dictionary<string, FormFile[]>())
        {
            foreach (var file in list)
            {
                var content = new ByteArrayContent(file.Bytes);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
                multipart.Add(content, name, file.FileName);
            }
        }

        return multipart;
    }

    /// <summary>The submit button whose text contains <paramref name="text"/>, or the form's first one.</summary>
    public static IHtmlButtonElement? Button(IHtmlFormElement form, string? text)
    {
        ArgumentNullException.ThrowIfNull(form);
        var buttons = form.QuerySelectorAll<IHtmlButtonElement>("button").Where(b => b.Type == "submit").ToList();
        return text is null
            ? buttons.FirstOrDefault()
            : buttons.FirstOrDefault(b => b.TextContent.Contains(text, StringComparison.Ordinal))
              ?? throw new InvalidOperationException($"Kein Knopf „{text}“ im Formular.");
    }

    public static string Target(IHtmlFormElement form, IHtmlButtonElement? button, string pagePath)
    {
        ArgumentNullException.ThrowIfNull(form);
        var action = button?.GetAttribute("formaction") ?? form.GetAttribute("action");
        return string.IsNullOrEmpty(action) ? pagePath : action;
    }

    public static IHtmlFormElement Find(IDocument page, string selector)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"Kein Formular „{selector}“ auf der Seite.");
    }
}
