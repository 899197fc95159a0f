using System.Globalization;
using System.Text;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Generation;

/// <summary>One generated article file: its Markdown with front matter, and what went into it.</summary>
/// <param name="RelativePath">Where the file goes below a content folder: year/slug.md.</param>
/// <param name="PublishedAt">The front matter's date (written as Berlin time, whole minutes).</param>
/// <param name="WordCount">Words of the body, headings and list items included.</param>
public sealed record GeneratedArticle(
    int Number, string RelativePath, string Title, string Author, IReadOnlyList<string> Tags, DateTimeOffset PublishedAt,
    int WordCount, string Markdown);

/// <summary>
/// Invents a news archive for load tests and benchmarks: German-like articles in the importer's file format. Tags
/// and authors follow Zipf's law (few very common, many rare), lengths are log-normal, dates spread over the ten
/// years before the reference date. Everything comes from one seed, so a seed names a corpus: the same seed, tag
/// count and reference date always give the same files.
/// </summary>
public sealed class CorpusGenerator
{
    public const int AuthorCount = 30;
    public const int MinWords = 150;
    public const int MaxWords = 2500;
    public const int MaxTagsPerArticle = 6;
    public const int Years = 10;

    // Log-normal lengths: median e^μ ≈ 380 words, mean ≈ 450 before clamping to MinWords..MaxWords.
    private const double LengthMu = 5.94;
    private const double LengthSigma = 0.58;

    // How many tags an article gets, 1 to 6: mostly two to four, as editors tag.
    private static readonly double[] TagCountWeights = [0.14, 0.26, 0.26, 0.17, 0.10, 0.07];

    private readonly int _seed;
    private readonly DateTimeOffset _referenceDate;
    private readonly string[] _tags;
    private readonly string[] _authors;
    private readonly Noun[] _nouns;
    private readonly ZipfSampler _tagRanks;
    private readonly ZipfSampler _authorRanks;
    private readonly ZipfSampler _nounRanks;

    public CorpusGenerator(int tagCount, int seed, DateTimeOffset referenceDate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tagCount, 1);
        _seed = seed;
        _referenceDate = referenceDate;

        var random = new Random(seed);
        _nouns = BuildNouns(random);
        _tags = BuildTags(random, tagCount);
        _authors = BuildAuthors(random);
        _tagRanks = new ZipfSampler(tagCount, exponent: 1.0);
        _authorRanks = new ZipfSampler(AuthorCount, exponent: 0.8);
        _nounRanks = new ZipfSampler(_nouns.Length, exponent: 0.7);
    }

    /// <summary>The tag names, most frequent first.</summary>
    public IReadOnlyList<string> Tags => _tags;

    /// <summary>The authors' names, most prolific first.</summary>
    public IReadOnlyList<string> Authors => _authors;

    /// <summary>Articles 1..<paramref name="count"/>; enumerating again yields the same articles.</summary>
    public IEnumerable<GeneratedArticle> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return GenerateIterator(count);
    }

    private IEnumerable<GeneratedArticle> GenerateIterator(int count)
    {
        var writer = new ArticleWriter(this, new Random(unchecked((_seed * 486187739) + 11)));
        for (var number = 1; number <= count; number++)
        {
            yield return writer.Write(number);
        }
    }

    private static Noun[] BuildNouns(Random random)
    {
        var nouns = new List<Noun>(GermanWords.Modifiers.Length * GermanWords.Heads.Length + GermanWords.Heads.Length);
        nouns.AddRange(GermanWords.Heads);
        foreach (var modifier in GermanWords.Modifiers)
        {
            foreach (var head in GermanWords.Heads)
            {
                nouns.Add(new Noun(Compound(modifier, head.Text), head.Gender));
            }
        }

        // Shuffled so that the frequent words (low Zipf ranks) are not all built on the first modifier.
        var array = nouns.Distinct().ToArray();
        random.Shuffle(array);
        return array;
    }

    /// <summary>
    /// Plain subjects first (they get the low ranks and so most articles), then cities and two-part compounds, then
    /// as many three-part compounds as the count needs. Unique by the tag store's key, its lower-case form.
    /// </summary>
    private static string[] BuildTags(Random random, int count)
    {
        var tags = new List<string>(count);
        var keys = new HashSet<string>(StringComparer.Ordinal);

        void Add(string tag)
        {
            if (tags.Count < count && keys.Add(tag.ToLowerInvariant()))
            {
                tags.Add(tag);
            }
        }

        foreach (var topic in GermanWords.Topics)
        {
            Add(topic);
        }

        var middle = GermanWords.Cities
            .Concat(GermanWords.Modifiers.SelectMany(m => GermanWords.Heads.Select(h => Compound(m, h.Text))))
            .ToArray();
        random.Shuffle(middle);
        foreach (var tag in middle)
        {
            Add(tag);
        }

        var modifiers = GermanWords.Modifiers;
        var heads = GermanWords.Heads;
        var attempts = 0L;
        while (tags.Count < count)
        {
            var first = modifiers[random.Next(modifiers.Length)];
            var second = modifiers[random.Next(modifiers.Length)];
            if (first != second)
            {
                Add(Compound(first, Compound(second, heads[random.Next(heads.Length)].Text)));
            }

            // 70 × 69 × 60 combinations are far more than the largest allowed count; this only guards the loop.
            if (++attempts > 100L * count)
            {
                throw new InvalidOperationException($"Nicht genug verschiedene Tag-Namen für {count} Tags.");
            }
        }

        return [.. tags];
    }

    private static string[] BuildAuthors(Random random)
    {
        var first = GermanWords.FirstNames.ToArray();
        var last = GermanWords.LastNames.ToArray();
        random.Shuffle(first);
        random.Shuffle(last);

        // Distinct last names keep the authors' slugs (their identity) distinct.
        return [.. Enumerable.Range(0, AuthorCount).Select(i => $"{first[i % first.Length]} {last[i]}")];
    }

    private static string Compound(string modifier, string head) =>
        modifier + char.ToLowerInvariant(head[0]) + head[1..];

    /// <summary>The state of one pass over the corpus: its random stream, and the titles and paths handed out so far.</summary>
    private sealed class ArticleWriter(CorpusGenerator corpus, Random random)
    {
        private readonly HashSet<string> _titles = new(StringComparer.Ordinal);
        private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
        private readonly StringBuilder _body = new(32 * 1024);
        private readonly StringBuilder _file = new(32 * 1024);
        private readonly List<string> _articleTags = new(MaxTagsPerArticle);
        private int _words;

        public GeneratedArticle Write(int number)
        {
            var title = UniqueTitle();
            var author = corpus._authors[corpus._authorRanks.Next(random)];
            var tags = DrawTags();
            var published = DrawDate();
            var targetWords = DrawLength();
            var city = Pick(GermanWords.Cities);

            _body.Clear();
            _words = 0;
            WriteBody(tags, city, targetWords);
            // The summary is plain text (front matter is not Markdown): no emphasis markers in it.
            var summary = Sentence(Clause(markdown: false)) + " " + Sentence(ObjectClause(city));

            var local = NewsroomTime.ToLocal(published);
            var slug = Slug.FromText(title, fallback: "artikel");
            var path = UniquePath(local.Year.ToString(CultureInfo.InvariantCulture) + "/" + slug);

            _file.Clear();
            _file.Append("---\ntitle: \"").Append(title).Append("\"\n")
                .Append("author: \"").Append(author).Append("\"\n")
                .Append("date: ").Append(local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)).Append('\n')
                .Append("tags: [").AppendJoin(", ", tags).Append("]\n")
                .Append("summary: \"").Append(summary).Append("\"\n")
                .Append("---\n\n")
                .Append(_body);

            return new GeneratedArticle(number, path, title, author, tags, published, _words, _file.ToString());
        }

        private string UniqueTitle()
        {
            for (var attempt = 0; ; attempt++)
            {
                var title = Title();

                // After many collisions (only in huge corpora) a place name makes the title unique.
                if (attempt >= 20)
                {
                    title += " in " + Pick(GermanWords.Cities) + " " + (attempt - 19).ToString(CultureInfo.InvariantCulture);
                }

                if (_titles.Add(title))
                {
                    return title;
                }
            }
        }

        private string Title()
        {
            var noun = AnyNoun();
            return random.Next(6) switch
            {
                0 => $"{Pick(GermanWords.Actors).Text} {Pick(GermanWords.VerbsTransitive)} {StrongAccusative(noun)}",
                1 => $"{Pick(GermanWords.Cities)}: {noun.Text} {Pick(GermanWords.Intransitive)} um {Percent()} Prozent",
                2 => $"{noun.Text} in {Pick(GermanWords.Cities)} {Pick(GermanWords.Participles)}",
                3 => $"Streit um {StrongAccusative(noun)} in {Pick(GermanWords.Cities)}",
                4 => $"{Pick(GermanWords.Cities)} will {noun.Text} bis {random.Next(2026, 2041)} {Pick(GermanWords.Infinitives)}",
                _ => $"{AnyNoun().Text}: {Pick(GermanWords.Actors).Text} {Pick(GermanWords.VerbsTransitive)} {StrongAccusative(noun)}",
            };
        }

        private List<string> DrawTags()
        {
            var wanted = 1;
            var u = random.NextDouble();
            while (wanted < TagCountWeights.Length && u > TagCountWeights[wanted - 1])
            {
                u -= TagCountWeights[wanted - 1];
                wanted++;
            }

            wanted = Math.Min(wanted, corpus._tags.Length);
            _articleTags.Clear();
            while (_articleTags.Count < wanted)
            {
                var tag = corpus._tags[corpus._tagRanks.Next(random)];
                if (!_articleTags.Contains(tag))
                {
                    _articleTags.Add(tag);
                }
            }

            return [.. _articleTags];
        }

        /// <summary>A day in the ten years before the reference date, at a newsroom hour (06:00–22:59, Berlin).</summary>
        private DateTimeOffset DrawDate()
        {
            var reference = NewsroomTime.ToLocal(corpus._referenceDate);
            var day = reference.Date.AddDays(-random.Next(Years * 365));
            var local = day.AddHours(random.Next(6, 23)).AddMinutes(random.Next(60));
            var instant = new DateTimeOffset(local, NewsroomTime.Zone.GetUtcOffset(local));
            return instant > corpus._referenceDate ? instant.AddDays(-1) : instant;
        }

        private int DrawLength()
        {
            // Box–Muller: a standard normal from two uniforms.
            var normal = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
            return (int)Math.Clamp(Math.Exp(LengthMu + (LengthSigma * normal)), MinWords, MaxWords);
        }

        private string UniquePath(string stem)
        {
            var path = stem + ".md";
            for (var n = 2; !_paths.Add(path); n++)
            {
                path = stem + "-" + n.ToString(CultureInfo.InvariantCulture) + ".md";
            }

            return path;
        }

        private void WriteBody(List<string> tags, string city, int targetWords)
        {
            // The lead names the city and the first tag, so that searching for either finds the article.
            Paragraph(
                Sentence($"In {city} {Pick(GermanWords.VerbsTransitive)} {SubjectClause()} {WeakPhrase(AnyNoun(), Case.Accusative)} {Pick(GermanWords.Adverbials)}"),
                Sentence($"Im Mittelpunkt steht das Thema {tags[0]}"),
                Sentence(ObjectClause(city)));

            var linkPlaced = random.NextDouble() >= 0.45;
            while (_words < targetWords)
            {
                Heading("## ", Heading());
                var paragraphs = random.Next(1, 4);
                for (var i = 0; i < paragraphs && _words < targetWords; i++)
                {
                    Paragraph(Sentences(random.Next(2, 6)));
                }

                if (_words < targetWords && random.NextDouble() < 0.3)
                {
                    Heading("### ", Heading());
                    Paragraph(Sentences(random.Next(2, 5)));
                }

                if (_words < targetWords && random.NextDouble() < 0.2)
                {
                    List();
                }

                if (_words < targetWords && random.NextDouble() < 0.15)
                {
                    AppendLine("> „" + Clause() + "“, sagte " + Pick(GermanWords.Roles) + ".");
                    AppendLine("");
                }

                if (!linkPlaced)
                {
                    linkPlaced = true;
                    var actor = Pick(GermanWords.Actors);
                    Paragraph(Sentence(
                        $"Weitere Einzelheiten stehen im [Bericht {Article(actor, Case.Dative)}]" +
                        $"(https://www.example.org/berichte/{random.Next(1000, 100000).ToString(CultureInfo.InvariantCulture)})"));
                }
            }
        }

        private string Heading() => random.Next(4) switch
        {
            0 => Capitalize(WeakPhrase(AnyNoun(), Case.Nominative)) + " in " + Pick(GermanWords.Cities),
            1 => AnyNoun().Text + " und " + AnyNoun().Text,
            2 => "Kritik an " + WeakPhrase(AnyNoun(), Case.Dative),
            _ => "Wie es mit " + WeakPhrase(AnyNoun(), Case.Dative) + " weitergeht",
        };

        private string Sentences(int count)
        {
            var sentences = new string[count];
            for (var i = 0; i < count; i++)
            {
                sentences[i] = random.Next(8) switch
                {
                    0 => "„" + Clause() + "“, sagte " + Pick(GermanWords.Roles) + ".",
                    1 => Sentence($"{Pick(GermanWords.Fronts)} {Pick(GermanWords.VerbsTransitive)} {SubjectClause()} {WeakPhrase(AnyNoun(), Case.Accusative)}"),
                    2 => Sentence($"{Capitalize(WeakPhrase(AnyNoun(), Case.Nominative))} soll bis {random.Next(2026, 2041)} rund {random.Next(2, 900)} Millionen Euro kosten"),
                    3 => Sentence($"Den Angaben zufolge {Pick(GermanWords.Intransitive)} {WeakPhrase(AnyNoun(), Case.Nominative)} um {Percent()} Prozent"),
                    _ => Sentence(Clause()),
                };
            }

            return string.Join(' ', sentences);
        }

        private void List()
        {
            var items = random.Next(3, 6);
            for (var i = 0; i < items; i++)
            {
                AppendLine("- " + AnyNoun().Text + ": " + WeakPhrase(AnyNoun(), Case.Nominative) + " " + Pick(GermanWords.Adverbials));
            }

            AppendLine("");
        }

        /// <summary>Subject, verb, object, adverbial; now and then the object is emphasized, in Markdown text.</summary>
        private string Clause(bool markdown = true)
        {
            var obj = WeakPhrase(AnyNoun(), Case.Accusative);

            // Drawn either way, so that plain text leaves the rest of the random stream as it was.
            var emphasis = random.Next(40);
            if (markdown && emphasis == 0)
            {
                obj = "**" + obj + "**";
            }
            else if (markdown && emphasis < 3)
            {
                obj = "*" + obj + "*";
            }

            return $"{Capitalize(SubjectClause())} {Pick(GermanWords.VerbsTransitive)} {obj} {Pick(GermanWords.Adverbials)}";
        }

        private string SubjectClause()
        {
            var actor = Pick(GermanWords.Actors);
            return GermanWords.Article(actor.Gender, Case.Nominative) + " " + actor.Text;
        }

        private string ObjectClause(string city) =>
            $"Nach Angaben {Article(Pick(GermanWords.Actors), Case.Genitive)} betrifft {WeakPhrase(AnyNoun(), Case.Nominative)} vor allem {city}";

        private static string Article(Noun noun, Case grammaticalCase) =>
            GermanWords.Article(noun.Gender, grammaticalCase) + " " + noun.Text + GenitiveEnding(noun, grammaticalCase);

        private static string GenitiveEnding(Noun noun, Case grammaticalCase) =>
            grammaticalCase != Case.Genitive || noun.Gender == Gender.Feminine ? ""
            : noun.Text.EndsWith('s') || noun.Text.EndsWith('z') || noun.Text.EndsWith('t') ? "es" : "s";

        private string WeakPhrase(Noun noun, Case grammaticalCase)
        {
            var adjective = random.Next(3) == 0 ? "" : Pick(GermanWords.Adjectives) + GermanWords.WeakEnding(noun.Gender, grammaticalCase) + " ";
            return GermanWords.Article(noun.Gender, grammaticalCase) + " " + adjective + noun.Text;
        }

        private string StrongAccusative(Noun noun) =>
            Pick(GermanWords.Adjectives) + GermanWords.StrongAccusativeEnding(noun.Gender) + " " + noun.Text;

        private string Percent() =>
            random.Next(1, 30).ToString(CultureInfo.InvariantCulture) + "," + random.Next(10).ToString(CultureInfo.InvariantCulture);

        private Noun AnyNoun() => corpus._nouns[corpus._nounRanks.Next(random)];

        private T Pick<T>(T[] items) => items[random.Next(items.Length)];

        private void Heading(string marker, string text)
        {
            AppendLine(marker + text);
            AppendLine("");
        }

        private void Paragraph(params string[] sentences)
        {
            AppendLine(string.Join(' ', sentences));
            AppendLine("");
        }

        private void AppendLine(string line)
        {
            _body.Append(line).Append('\n');
            _words += CountWords(line);
        }

        private static int CountWords(string line)
        {
            var words = 0;
            var inWord = false;
            foreach (var c in line)
            {
                var letter = char.IsLetterOrDigit(c);
                if (letter && !inWord)
                {
                    words++;
                }

                inWord = letter;
            }

            return words;
        }

        private static string Sentence(string clause) => Capitalize(clause) + ".";

        private static string Capitalize(string text) =>
            text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
