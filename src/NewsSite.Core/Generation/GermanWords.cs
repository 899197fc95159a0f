namespace NewsSite.Core.Generation;

/// <summary>Grammatical gender of a German noun; it decides the article and the adjective ending.</summary>
internal enum Gender
{
    Masculine,
    Feminine,
    Neuter,
}

internal readonly record struct Noun(string Text, Gender Gender);

/// <summary>
/// The raw material of generated articles: nouns with their gender (compounds take the gender of their last part),
/// adjective stems, verbs and places. Small on purpose; variety comes from combining them.
/// </summary>
internal static class GermanWords
{
    /// <summary>Broad subjects; the most frequent tags are these, as on a real news site.</summary>
    public static readonly string[] Topics =
    [
        "Politik", "Wirtschaft", "Verkehr", "Klima", "Energie", "Bildung", "Gesundheit", "Kultur", "Sport", "Wissenschaft",
        "Umwelt", "Justiz", "Finanzen", "Wohnen", "Arbeit", "Landwirtschaft", "Digitales", "Sicherheit", "Migration", "Europa",
        "Bundestag", "Landtag", "Kommunen", "Forschung", "Tourismus", "Handel", "Industrie", "Medien", "Familie", "Rente",
        "Pflege", "Schule", "Hochschule", "Naturschutz", "Wetter", "Polizei", "Bundeswehr", "Außenpolitik", "Steuern", "Mobilität",
    ];

    public static readonly string[] Cities =
    [
        "Köln", "München", "Hamburg", "Berlin", "Leipzig", "Dresden", "Bremen", "Hannover", "Nürnberg", "Stuttgart",
        "Düsseldorf", "Dortmund", "Essen", "Frankfurt", "Mainz", "Kiel", "Rostock", "Erfurt", "Magdeburg", "Potsdam",
        "Freiburg", "Heidelberg", "Münster", "Bonn", "Augsburg", "Regensburg", "Würzburg", "Göttingen", "Lübeck", "Saarbrücken",
        "Kassel", "Jena", "Halle", "Chemnitz", "Karlsruhe", "Mannheim", "Bielefeld", "Osnabrück", "Ulm", "Passau",
    ];

    /// <summary>First parts of compounds, with the linking "s" where German puts one.</summary>
    public static readonly string[] Modifiers =
    [
        "Stadt", "Energie", "Verkehrs", "Wasser", "Bau", "Landes", "Bundes", "Schul", "Kranken", "Wohnungs",
        "Klima", "Strom", "Gas", "Bahn", "Wirtschafts", "Haushalts", "Sicherheits", "Gesundheits", "Forschungs", "Kultur",
        "Sport", "Umwelt", "Arbeits", "Miet", "Steuer", "Renten", "Pflege", "Bildungs", "Hafen", "Flughafen",
        "Wald", "Boden", "Luft", "Grenz", "Kinder", "Jugend", "Senioren", "Bürger", "Rats", "Gemeinde",
        "Kreis", "Bezirks", "Markt", "Preis", "Zins", "Solar", "Wind", "Wärme", "Daten", "Netz",
        "Fahrrad", "Straßen", "Brücken", "Tunnel", "Zukunfts", "Sonder", "Not", "Über", "Rück", "Haupt",
        "Polizei", "Gerichts", "Hochwasser", "Dürre", "Ernte", "Wein", "Milch", "Fleisch", "Küsten", "Insel",
    ];

    public static readonly Noun[] Heads =
    [
        new("Rat", Gender.Masculine), new("Plan", Gender.Masculine), new("Markt", Gender.Masculine), new("Streit", Gender.Masculine),
        new("Bericht", Gender.Masculine), new("Haushalt", Gender.Masculine), new("Ausbau", Gender.Masculine), new("Vertrag", Gender.Masculine),
        new("Beschluss", Gender.Masculine), new("Antrag", Gender.Masculine), new("Bedarf", Gender.Masculine), new("Schutz", Gender.Masculine),
        new("Verband", Gender.Masculine), new("Betrieb", Gender.Masculine), new("Fonds", Gender.Masculine), new("Gipfel", Gender.Masculine),
        new("Preis", Gender.Masculine), new("Standort", Gender.Masculine), new("Umbau", Gender.Masculine), new("Entwurf", Gender.Masculine),
        new("Stadt", Gender.Feminine), new("Bahn", Gender.Feminine), new("Reform", Gender.Feminine), new("Förderung", Gender.Feminine),
        new("Behörde", Gender.Feminine), new("Versorgung", Gender.Feminine), new("Leitung", Gender.Feminine), new("Initiative", Gender.Feminine),
        new("Debatte", Gender.Feminine), new("Studie", Gender.Feminine), new("Wende", Gender.Feminine), new("Krise", Gender.Feminine),
        new("Kommission", Gender.Feminine), new("Verwaltung", Gender.Feminine), new("Abgabe", Gender.Feminine), new("Planung", Gender.Feminine),
        new("Anlage", Gender.Feminine), new("Messe", Gender.Feminine), new("Kasse", Gender.Feminine), new("Grenze", Gender.Feminine),
        new("Netz", Gender.Neuter), new("Werk", Gender.Neuter), new("Gesetz", Gender.Neuter), new("Projekt", Gender.Neuter),
        new("Programm", Gender.Neuter), new("Konzept", Gender.Neuter), new("Verfahren", Gender.Neuter), new("Gutachten", Gender.Neuter),
        new("Budget", Gender.Neuter), new("Zentrum", Gender.Neuter), new("Amt", Gender.Neuter), new("Bündnis", Gender.Neuter),
        new("Gebiet", Gender.Neuter), new("Angebot", Gender.Neuter), new("Register", Gender.Neuter), new("Quartier", Gender.Neuter),
        new("Signal", Gender.Neuter), new("Urteil", Gender.Neuter), new("Forum", Gender.Neuter), new("Modell", Gender.Neuter),
    ];

    /// <summary>Adjective stems; the ending is added to match case and gender.</summary>
    public static readonly string[] Adjectives =
    [
        "neu", "groß", "klein", "zentral", "niedrig", "regional", "digital", "öffentlich", "umstritten", "geplant",
        "zusätzlich", "kommunal", "europäisch", "wichtig", "aktuell", "langfristig", "kurzfristig", "deutlich", "gemeinsam", "jährlich",
        "stark", "schwach", "modern", "veraltet", "sozial", "nachhaltig", "riesig", "günstig", "weit", "privat",
    ];

    public static readonly string[] VerbsTransitive =
    [
        "beschließt", "fordert", "kritisiert", "plant", "prüft", "erhöht", "senkt", "verschiebt", "begrüßt", "stoppt",
        "startet", "unterstützt", "verlängert", "bestätigt", "untersucht", "modernisiert", "finanziert", "verteidigt", "erweitert", "lobt",
    ];

    public static readonly string[] Participles =
    [
        "beschlossen", "gestoppt", "verschoben", "eröffnet", "modernisiert", "geprüft", "vorgestellt", "erweitert", "verlängert", "gekürzt",
    ];

    public static readonly string[] Infinitives =
    [
        "ausbauen", "umsetzen", "vorlegen", "prüfen", "finanzieren", "erneuern", "abschließen", "verbessern", "vereinfachen", "beschleunigen",
    ];

    public static readonly string[] Intransitive = ["steigt", "sinkt", "wächst", "schrumpft", "fällt"];

    public static readonly Noun[] Actors =
    [
        new("Stadtrat", Gender.Masculine), new("Senat", Gender.Masculine), new("Landkreis", Gender.Masculine), new("Bundesrat", Gender.Masculine),
        new("Verband", Gender.Masculine), new("Bürgermeister", Gender.Masculine), new("Minister", Gender.Masculine),
        new("Bundesregierung", Gender.Feminine), new("Landesregierung", Gender.Feminine), new("Stadtverwaltung", Gender.Feminine),
        new("Opposition", Gender.Feminine), new("Gewerkschaft", Gender.Feminine), new("Ministerin", Gender.Feminine), new("Kommission", Gender.Feminine),
        new("Gericht", Gender.Neuter), new("Ministerium", Gender.Neuter), new("Landesamt", Gender.Neuter), new("Bündnis", Gender.Neuter),
    ];

    public static readonly string[] Adverbials =
    [
        "am Montag", "am Dienstag", "am Mittwoch", "am Donnerstag", "am Freitag", "am Wochenende", "in dieser Woche",
        "nach langer Debatte", "mit knapper Mehrheit", "überraschend", "erneut", "vorerst", "im kommenden Jahr", "bis auf Weiteres",
    ];

    public static readonly string[] Fronts =
    [
        "Nach Angaben der Verwaltung", "Zuvor", "Unterdessen", "Nach Einschätzung von Fachleuten", "Im vergangenen Jahr",
        "Nach wochenlangen Verhandlungen", "Trotz aller Kritik", "Bereits im Frühjahr", "Wie aus einem Bericht hervorgeht",
    ];

    public static readonly string[] Roles =
    [
        "ein Sprecher der Stadt", "die Vorsitzende des Ausschusses", "ein Vertreter des Verbands", "die zuständige Dezernentin",
        "ein Sprecher des Ministeriums", "eine Anwohnerin", "der Fraktionschef", "die Expertin",
    ];

    public static readonly string[] FirstNames =
    [
        "Anna", "Markus", "Julia", "Thomas", "Sabine", "Jan", "Katharina", "Michael", "Lena", "Stefan",
        "Miriam", "Tobias", "Claudia", "Florian", "Jana", "Andreas", "Sophie", "Felix", "Birgit", "Jörg",
        "Hannah", "Lukas", "Ute", "Matthias", "Özlem", "Dirk", "Carina", "Malte", "Gülay", "Björn",
    ];

    public static readonly string[] LastNames =
    [
        "Berger", "Lehmann", "Schäfer", "Krüger", "Hoffmann", "Wagner", "Becker", "Schulz", "Köhler", "Richter",
        "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann", "Lange", "Schmitt", "Werner", "Krause",
        "Meier", "Lorenz", "Jäger", "Böhm", "Vogel", "Friedrich", "Günther", "Kaiser", "Fuchs", "Peters",
        "Scholz", "Möller", "Haas", "Sommer", "Graf", "Franke", "Roth", "Beck", "Ludwig", "Winkler",
    ];

    public static string Article(Gender gender, Case grammaticalCase) => (grammaticalCase, gender) switch
    {
        (Case.Nominative, Gender.Masculine) => "der",
        (Case.Accusative, Gender.Masculine) => "den",
        (Case.Dative, Gender.Masculine) or (Case.Dative, Gender.Neuter) => "dem",
        (Case.Dative, Gender.Feminine) or (Case.Genitive, Gender.Feminine) => "der",
        (Case.Genitive, _) => "des",
        (_, Gender.Feminine) => "die",
        _ => "das",
    };

    /// <summary>The ending of an adjective after a definite article (weak declension).</summary>
    public static string WeakEnding(Gender gender, Case grammaticalCase) =>
        grammaticalCase is Case.Dative or Case.Genitive || (grammaticalCase == Case.Accusative && gender == Gender.Masculine) ? "en" : "e";

    /// <summary>The ending of an adjective without an article, as in headlines: "neuen Plan", "neue Reform", "neues Netz".</summary>
    public static string StrongAccusativeEnding(Gender gender) => gender switch
    {
        Gender.Masculine => "en",
        Gender.Feminine => "e",
        _ => "es",
    };
}

internal enum Case
{
    Nominative,
    Accusative,
    Dative,
    Genitive,
}
