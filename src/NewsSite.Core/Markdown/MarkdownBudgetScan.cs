namespace NewsSite.Core.Markdown;

/// <summary>
/// The line-by-line pass behind <see cref="MarkdownBudget"/>. Paragraphs are the lines between blank lines, which
/// holds every leaf block Markdig parses for inline markup (more where a list or quote holds several, which only
/// overestimates). Lines inside a fence at the margin are code and not counted.
/// </summary>
internal sealed class MarkdownBudgetScan
{
    private char _fence;
    private int _fenceLength;
    private bool _previousLineHadText;
    private ParagraphTally? _paragraph;
    private (int Depth, int Line) _deepestQuote;
    private int _inlinePieces;
    private int? _firstInlinePieceOverLimit;
    private int _replacingBlocks;
    private int? _firstReplacingBlockOverLimit;
    private long _inlineWork;
    private ParagraphCost _costliest = new(0, 0, 0, 0);
    private (int Pipes, int Line) _mostPipesWithMarkup;

    public void Line(ReadOnlySpan<char> line, int number)
    {
        if (_fence != '\0')
        {
            if (ClosesFence(line))
            {
                _fence = '\0';
            }

            return;
        }

        // Only a fence at the margin is taken as code: one further in may belong to a list item that ends before
        // its closing fence, and what follows would then be parsed as text after all.
        if (line.IsWhiteSpace() || OpensFence(line))
        {
            EndParagraph();
            _previousLineHadText = false;
            return;
        }

        if (IsReplacing(line, _previousLineHadText) && ++_replacingBlocks > MarkdownBudget.MaxReplacingBlocks)
        {
            _firstReplacingBlockOverLimit ??= number;
        }

        var depth = QuoteDepth(line);
        if (depth > _deepestQuote.Depth)
        {
            _deepestQuote = (depth, number);
        }

        _paragraph ??= new ParagraphTally(number);
        _inlinePieces += _paragraph.Add(line);
        if (_inlinePieces > MarkdownBudget.MaxInlinePieces)
        {
            _firstInlinePieceOverLimit ??= number;
        }

        _previousLineHadText = true;
    }

    public MarkdownCost Result(int lines)
    {
        EndParagraph();
        return new MarkdownCost(
            lines, _deepestQuote, _inlinePieces, _firstInlinePieceOverLimit,
            _replacingBlocks, _firstReplacingBlockOverLimit, _inlineWork, _costliest, _mostPipesWithMarkup);
    }

    private void EndParagraph()
    {
        if (_paragraph is null)
        {
            return;
        }

        var cost = _paragraph.ToCost();
        if (_paragraph.HasOpeners && _paragraph.Pipes > _mostPipesWithMarkup.Pipes)
        {
            _mostPipesWithMarkup = (_paragraph.Pipes, cost.Line);
        }

        _inlineWork += cost.Work;
        if (cost.Work > _costliest.Work)
        {
            _costliest = cost;
        }

        _paragraph = null;
    }

    private bool OpensFence(ReadOnlySpan<char> line)
    {
        if (line.Length < 3 || line[0] is not ('`' or '~'))
        {
            return false;
        }

        var length = line.Length - line.TrimStart(line[0]).Length;

        // A backtick fence's info string cannot hold a backtick; such a line is inline code, not a fence.
        if (length < 3 || (line[0] == '`' && line[length..].Contains('`')))
        {
            return false;
        }

        (_fence, _fenceLength) = (line[0], length);
        return true;
    }

    private bool ClosesFence(ReadOnlySpan<char> line)
    {
        var indented = line.TrimStart(' ');
        if (line.Length - indented.Length > 3)
        {
            return false;
        }

        var rest = indented.TrimStart(_fence);
        return indented.Length - rest.Length >= _fenceLength && rest.IsWhiteSpace();
    }

    /// <summary>
    /// Lines that may start a block which replaces or removes another one: a definition has "]:" after its label, a
    /// table's delimiter row is made of |, - and :, and a setext underline of = or - follows text. Counting every
    /// such line overestimates, which only makes the limit stricter.
    /// </summary>
    private static bool IsReplacing(ReadOnlySpan<char> line, bool previousLineHadText)
    {
        if (line.Contains("]:", StringComparison.Ordinal))
        {
            return true;
        }

        var trimmed = line.Trim();
        if (trimmed.Contains('-') && trimmed.Contains('|') && !trimmed.ContainsAnyExcept("|-: \t"))
        {
            return true;
        }

        return previousLineHadText && trimmed.Length > 0
            && (!trimmed.ContainsAnyExcept('=') || !trimmed.ContainsAnyExcept('-'));
    }

    private static int QuoteDepth(ReadOnlySpan<char> line)
    {
        var depth = 0;
        foreach (var c in line)
        {
            if (c == '>')
            {
                depth++;
            }
            else if (c is not (' ' or '\t'))
            {
                break;
            }
        }

        return depth;
    }

    /// <summary>
    /// What one paragraph will cost Markdig, from how its inline parser works:
    /// <list type="bullet">
    /// <item>Openers (<c>*</c>, <c>_</c>, <c>~</c> runs, <c>[</c>, autolinks) stay open containers to the end of the
    /// paragraph, even when matched, and every later inline walks down through them; an autolink walks back over all
    /// inlines before it: openers times inlines.</item>
    /// <item>Scanners (<c>](</c>, backtick runs) read ahead, to the next space, the end of a <c>(</c> title or a
    /// partner run: scanners times length.</item>
    /// <item>Pipes of a table cost nothing of the kind alone (a plain table of 8,000 rows: 65 ms), but with an opener
    /// open each one splits the containers around it and moves what follows: 100 emphasis runs before a table of
    /// 1,100 rows took 0.6 s, of 10,000 rows 20 s. They are held to <see cref="MarkdownBudget.MaxPipesWithMarkup"/>
    /// in a paragraph with openers instead.</item>
    /// </list>
    /// </summary>
    private sealed class ParagraphTally(int line)
    {
        private int _length;
        private int _openers;
        private int _scanners;

        public long Inlines { get; private set; }

        public int Pipes { get; private set; }

        public bool HasOpeners => _openers > 0;

        public ParagraphCost ToCost() => new(
            line, _openers + _scanners + Pipes, _length, ((long)_openers * Inlines) + ((long)_scanners * _length));

        /// <returns>The characters of the line set one by one (<see cref="MarkdownBudget.MaxInlinePieces"/>).</returns>
        public int Add(ReadOnlySpan<char> text)
        {
            var pieces = 0;
            // The line break is an inline too.
            _length += text.Length + 1;
            Inlines++;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var previous = i == 0 ? '\0' : text[i - 1];
                switch (c)
                {
                    case '[':
                    case '*' or '_' or '~' when previous != c:
                    case 'w' or 'h' or 'f' or 'm' or 't' when StartsAutolink(text[i..]):
                        _openers++;
                        Inlines++;
                        break;
                    case ']' when i + 1 < text.Length && text[i + 1] == '(':
                    case '`' when previous != c:
                        _scanners++;
                        Inlines++;
                        break;
                    case '|':
                        Pipes++;
                        Inlines++;
                        break;

                    // A "]" without "(" looks for its "[" up through every open container.
                    case ']':
                        Inlines++;
                        break;

                    // Set one by one, a few microseconds each: quotes and apostrophes (SmartyPants), entities, escapes,
                    // angle brackets, "--" and "...".
                    case '\'' or '"' or '&' or '\\' or '<' or '>':
                    case '-' or '.' when previous == c:
                        Inlines++;
                        pieces++;
                        break;
                }
            }

            return pieces;
        }

        private static bool StartsAutolink(ReadOnlySpan<char> text) =>
            text.StartsWith("www.", StringComparison.Ordinal) || text.StartsWith("http://", StringComparison.Ordinal)
            || text.StartsWith("https://", StringComparison.Ordinal) || text.StartsWith("ftp://", StringComparison.Ordinal)
            || text.StartsWith("mailto:", StringComparison.Ordinal) || text.StartsWith("tel:", StringComparison.Ordinal);
    }
}
