namespace NewsSite.Core.Articles;

/// <summary>
/// Puts YamlDotNet's English parser messages into an editor's words. Editors never see the parser's own text
/// ("While scanning a plain scalar value, found invalid mapping."): each known message becomes a German reason with a
/// hint, and any other a general one. Almost every real case is a value with a character that means something in YAML.
/// </summary>
public static class YamlSyntax
{
    /// <summary>The German name of each front matter field, for hints that name what to fix.</summary>
    public static string LabelOf(string? field) => field switch
    {
        "title" => "Titel",
        "summary" => "Zusammenfassung",
        "author" => "Autor",
        "tags" => "Tags",
        "ressort" => "Ressort",
        "slug" => "Slug",
        "date" => "Datum",
        "updated" => "Aktualisierungsdatum",
        FrontMatterReader.ImageField => "Bildadresse",
        FrontMatterReader.ImageAltField => "Alternativtext",
        FrontMatterReader.ImageCaptionField => "Bildunterschrift",
        FrontMatterReader.ImageCreditField => "Bildnachweis",
        _ => "Wert",
    };

    /// <summary>The reader's own markers for YAML features it refuses, explained like the parser's errors.</summary>
    public const string AnchorOrAlias = "NewsSite: anchor or alias";
    public const string TypeTag = "NewsSite: type tag";

    public static ArticleProblem Explain(string parserMessage, int line, string? field)
    {
        ArgumentNullException.ThrowIfNull(parserMessage);
        var label = LabelOf(field);
        var example = field is null ? "title: \"Köln: Die neue Brücke\"" : $"{field}: \"Köln: Die neue Brücke\"";
        bool Says(string text) => parserMessage.Contains(text, StringComparison.OrdinalIgnoreCase);

        if (Says(AnchorOrAlias))
        {
            return new ArticleProblem("YAML-Anker und -Aliase (& und *) sind nicht erlaubt.",
                line, field, $"Beginnt der Text mit * oder &, {label} in Anführungszeichen setzen, z. B. {field ?? "title"}: \"*Eilmeldung* aus Köln\".");
        }

        if (Says(TypeTag))
        {
            return new ArticleProblem("YAML-Typangaben (!…) sind nicht erlaubt.",
                line, field, $"Beginnt der Text mit !, {label} in Anführungszeichen setzen, z. B. {field ?? "title"}: \"!Achtung\".");
        }

        if (Says("tab character"))
        {
            return new ArticleProblem("Die Zeile ist mit einem Tabulator eingerückt; YAML erlaubt dafür nur Leerzeichen.",
                line, field, "Den Tabulator durch zwei Leerzeichen ersetzen.");
        }

        if (Says("invalid mapping") || Says("mapping values are not allowed") || Says("could not find expected ':'"))
        {
            return new ArticleProblem(
                "Im Wert steht ein Doppelpunkt mit Leerzeichen dahinter; YAML liest ihn als Beginn eines weiteren Feldes.",
                line, field, $"{label} mit Doppelpunkt in Anführungszeichen setzen, z. B. {example}.");
        }

        if (Says("quoted scalar"))
        {
            return new ArticleProblem(
                "Ein Anführungszeichen wird geöffnet, aber in dieser Zeile nicht geschlossen (oder ein \\ steht vor einem Zeichen, das es nicht schützen kann).",
                line, field, $"{label} in gerade Anführungszeichen \"…\" setzen und Anführungszeichen darin als „…“ schreiben.");
        }

        if (Says("flow sequence") || Says("flow mapping") || Says("expected node content"))
        {
            return new ArticleProblem(
                "Die Liste in eckigen Klammern ist nicht richtig geschrieben.",
                line, field, "Die Einträge mit Komma trennen und die Liste mit „]“ schließen, z. B. tags: [Köln, Verkehr]; Einträge mit Komma oder Doppelpunkt in Anführungszeichen.");
        }

        if (Says("cannot start any token") || Says("Invalid key indicator"))
        {
            return new ArticleProblem(
                "Der Wert beginnt mit einem Zeichen, das in YAML eine eigene Bedeutung hat (@, `, %, | oder >), oder die Zeile enthält einen Tabulator.",
                line, field, $"{label} in Anführungszeichen setzen, z. B. {field ?? "title"}: \"@Rathaus …\", und Tabulatoren durch Leerzeichen ersetzen.");
        }

        if (Says("block mapping") || Says("block sequence") || Says("did not find expected key") || Says("did not find expected '-'"))
        {
            return new ArticleProblem(
                "Die Zeile ist anders eingerückt als die Felder davor, oder nach einem Wert in Anführungszeichen folgt noch Text.",
                line, field, "Jedes Feld beginnt am Zeilenanfang mit „name: Wert“; Listeneinträge darunter mit „  - “.");
        }

        return new ArticleProblem(
            "Diese Zeile ist kein gültiges Front Matter.",
            line, field, $"Jedes Feld als „name: Wert“ schreiben; {label} mit Sonderzeichen (: # * & ! | > \" ') in Anführungszeichen setzen.");
    }
}
