using System.Buffers;

namespace IssueSync.Jira.Adf;

/// <summary>
/// Estimates, in linear time and before Markdig runs, the work of the parts of Markdig 1.6 that are not linear, so
/// that input which would make them slow is refused instead of parsed. Profiled on 256 KB inputs:
/// <list type="bullet">
/// <item><b>Nesting walks.</b> Every inline token (each <c>* _ ~ [ ] ! ` &lt; &amp; \ | :</c>, line break and each
/// <c>h f m t w</c> that may start an autolink) walks down the chain of still-open emphasis delimiters and brackets,
/// which stay open until the paragraph ends: <c>**a </c>×10,000 costs 10⁸ steps.</item>
/// <item><b>Link tails.</b> Each <c>](</c> scans its destination to the next space or control character, then a
/// title to its closing quote or parenthesis: <c>[a](</c>×64,000 scans 8·10⁹ characters (85 s).</item>
/// <item><b>Autolinks.</b> Each <c>http://</c>, <c>www.</c>… after a space or one of <c>*_~(</c> scans to the end of
/// its word and walks back over every inline before it: <c>(http://</c>×8,000 is quadratic.</item>
/// <item><b>Pipe tables.</b> Each <c>:</c> before a <c>|</c> rescans its line (and the one before) for a header
/// row, and each link made around a <c>|</c> searches the paragraph's list of pipes: <c>:|</c>×32,000 takes 5 s.</item>
/// <item><b>Reference definitions.</b> Each <c>[label]: url</c> line at the start of a paragraph copies the rest of
/// the paragraph's lines: 36,000 of them take 3.5 s.</item>
/// </list>
/// The inline estimates run on each paragraph's text as Markdig closes it (code blocks are never inline-parsed), the
/// reference-definition estimate on the raw source. Both over-estimate rather than miss.
/// </summary>
internal static class MarkdigCost
{
    /// <summary>
    /// The most steps a conversion may cost. One step is a few nanoseconds; at this budget the most expensive input
    /// accepted parses in well under half a second, while real descriptions (the corpus) stay below a hundredth of it.
    /// </summary>
    public const long Budget = 20_000_000;

    /// <summary>Markdig's default limit on nested blocks (a quote is one, a list item two: the list and the item).</summary>
    public const int MaxBlockNesting = 128;

    /// <summary>
    /// One pass over the raw source, per run of lines without a blank one: reference definitions × lines; and each
    /// line that looks like a setext underline (<c>===</c>, <c>---</c>) × the lines before it, since in a lazy
    /// continuation (<c>&gt; a</c> then <c>=</c> lines) Markdig rescans the paragraph for each (32,000 of them: 0.7 s).
    /// Also the deepest nesting opened on a single line (<c>&gt; &gt; - 1. a</c>): Markdig only refuses nesting over
    /// <see cref="MaxBlockNesting"/> after parsing every block, and a 60,000-marker line costs it half a second.
    /// </summary>
    public static SourceCost Source(ReadOnlySpan<char> markdown)
    {
        long definitionCost = 0, underlineCost = 0, lines = 0, definitions = 0, paragraphLines = 0;
        var nesting = 0;
        var inContainer = false;
        var rest = markdown;
        while (!rest.IsEmpty)
        {
            // Lines end where Markdig ends them: at \n, \r or \r\n, nowhere else.
            var length = rest.IndexOfAny('\r', '\n');
            var line = length < 0 ? rest : rest[..length];
            rest = length < 0 ? [] : rest[(length + (rest[length] == '\r' && length + 1 < rest.Length && rest[length + 1] == '\n' ? 2 : 1))..];
            if (line.Trim(" \t").IsEmpty)
            {
                definitionCost += lines * definitions;
                lines = definitions = paragraphLines = 0;
                inContainer = false;
                continue;
            }

            var opened = ContainersOpened(line);
            nesting = Math.Max(nesting, opened);
            inContainer |= opened > 0;
            var content = line.TrimStart(" \t>");
            if (MayStartReferenceDefinition(content))
            {
                definitions++;
            }

            // Outside quotes and lists an underline makes the paragraph a heading and ends it; inside one, a lazy
            // line may not, so the paragraph is taken to go on.
            if (IsUnderline(content))
            {
                underlineCost += paragraphLines;
                paragraphLines = inContainer ? paragraphLines : -1;
            }

            lines++;
            paragraphLines++;
        }

        return new SourceCost(definitionCost + (lines * definitions), underlineCost, nesting);
    }

    // "===" or "---", with trailing spaces: a setext heading's underline.
    private static bool IsUnderline(ReadOnlySpan<char> content)
    {
        var trimmed = content.TrimEnd(" \t");
        return !trimmed.IsEmpty && trimmed[0] is '=' or '-' && trimmed.TrimStart(trimmed[0]).IsEmpty;
    }

    // "[label]: …", or a "[label" that may go on to the next line; "[x] done" and "[INFO] …" cannot be definitions.
    private static bool MayStartReferenceDefinition(ReadOnlySpan<char> content)
    {
        if (content.IsEmpty || content[0] != '[')
        {
            return false;
        }

        for (var i = 1; i < content.Length; i++)
        {
            if (content[i] == '\\')
            {
                i++;
            }
            else if (content[i] == ']')
            {
                return i + 1 < content.Length && content[i + 1] == ':';
            }
        }

        return true;
    }

    // Counts the quote markers (1 each) and list markers (2 each) a line starts with, each after at most three
    // spaces. Stops at anything else, including a thematic break such as "- - -", and once past the limit (each
    // step may look at the rest of the line, so the count must stay short).
    private static int ContainersOpened(ReadOnlySpan<char> line)
    {
        var depth = 0;
        while (depth <= MaxBlockNesting)
        {
            var spaces = line.Length - line.TrimStart(' ').Length;
            if (spaces > 3)
            {
                return depth;
            }

            line = line[spaces..];
            if (line.IsEmpty || IsThematicBreak(line))
            {
                return depth;
            }

            if (line[0] == '>')
            {
                depth++;
                line = line[1..];
                continue;
            }

            var marker = line[0] is '-' or '+' or '*' ? 1 : OrderedMarkerLength(line);
            if (marker == 0 || (marker < line.Length && line[marker] is not (' ' or '\t')))
            {
                return depth;
            }

            depth += 2;
            line = line[Math.Min(line.Length, marker + 1)..];
        }

        return depth;
    }

    private static int OrderedMarkerLength(ReadOnlySpan<char> line)
    {
        var digits = 0;
        while (digits < line.Length && digits < 9 && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        return digits > 0 && digits < line.Length && line[digits] is '.' or ')' ? digits + 1 : 0;
    }

    private static bool IsThematicBreak(ReadOnlySpan<char> line)
    {
        var mark = line[0];
        if (mark is not ('-' or '*' or '_'))
        {
            return false;
        }

        var count = 0;
        foreach (var c in line)
        {
            if (c == mark)
            {
                count++;
            }
            else if (c is not (' ' or '\t'))
            {
                return false;
            }
        }

        return count >= 3;
    }

    /// <summary>The inline work on one paragraph's text, by kind.</summary>
    public static InlineCost Inline(ReadOnlySpan<char> text)
    {
        // Code spans, raw HTML and autolinks hide what is inside them from the other parsers, and every one of them
        // starts or ends with one of these characters; the count before each position tells whether a stretch is
        // free of them, so that brackets are only matched (and links only skipped) where nothing can be hidden.
        var hidingBefore = ArrayPool<int>.Shared.Rent(text.Length + 1);
        try
        {
            hidingBefore[0] = 0;
            for (var i = 0; i < text.Length; i++)
            {
                hidingBefore[i + 1] = hidingBefore[i] + (text[i] is '`' or '<' or '>' or '&' ? 1 : 0);
            }

            return Inline(text, hidingBefore);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(hidingBefore);
        }
    }

    private static InlineCost Inline(ReadOnlySpan<char> text, int[] hidingBefore)
    {
        var scan = new Scanner(text);
        long walks = 0, linkTails = 0, autolinks = 0, tables = 0, openEmphasis = 0, inlines = 0, pipes = 0, lineBreaks = 0;
        int lineStart = 0, previousLine = 0;

        // The open '[' and '![' (where, and with the pipes seen before each), and the height below which every '[' is
        // inactive: once a link is made, the '[' before it can no longer make one (links do not nest; images do not
        // deactivate).
        var brackets = new List<(bool IsImage, long PipesBefore, int At)>();
        var inactiveBelow = 0;
        var imageOpensAt = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsOpeningCharacter(c))
            {
                continue;
            }

            // The inline this character starts and the literal after it each walk the open chain.
            inlines += 2;
            walks += 2 * (openEmphasis + brackets.Count);
            switch (c)
            {
                case '*' or '_' or '~':
                    var end = i;
                    while (end + 1 < text.Length && text[end + 1] == c)
                    {
                        end++;
                    }

                    if (IsDelimiterRun(text, i, end))
                    {
                        openEmphasis++;
                    }

                    i = end;
                    break;
                case '\\':
                    // An escaped punctuation character is literal text: \* opens nothing.
                    if (i + 1 < text.Length && IsAsciiPunctuation(text[i + 1]))
                    {
                        i++;
                    }

                    break;
                case '!':
                    // Only a '!' that is not escaped makes the '[' after it an image.
                    imageOpensAt = i + 1;
                    break;
                case '[':
                    brackets.Add((i == imageOpensAt, pipes, i));
                    break;
                case '|':
                    pipes++;
                    break;
                case ':' when i + 1 < text.Length && text[i + 1] == '|':
                    tables += scan.Next(Stop.LineEnd, i) - lineStart + previousLine;
                    break;
                case '\n' or '\r':
                    lineBreaks++;
                    previousLine = i - lineStart;
                    lineStart = i + 1;
                    break;
                case ']':
                    // ']' meets the nearest '[' unless something between them may hide it from Markdig, whose '['
                    // then stays open; an image's '[' can always make a link, a link's only if it is active.
                    var paired = brackets.Count > 0 && NothingHidden(hidingBefore, brackets[^1].At, i);
                    var (isImage, pipesBefore, at) = paired ? brackets[^1] : default;
                    var active = paired && (isImage || brackets.Count - 1 >= inactiveBelow);
                    if (paired)
                    {
                        brackets.RemoveAt(brackets.Count - 1);
                        inactiveBelow = Math.Min(inactiveBelow, brackets.Count);
                    }

                    // Every '](' may start a link tail, matched here or not.
                    if (i + 1 < text.Length && text[i + 1] == '(')
                    {
                        var (stop, close) = scan.LinkTail(i + 2);
                        linkTails += stop - i;
                        if (active && close >= 0 && NothingHidden(hidingBefore, at, close))
                        {
                            // Markdig made the link and read its destination and title; it goes on after ')'. The
                            // pipes inside it stop being table pipes: each is found and removed in the paragraph's
                            // list of pipes and line breaks.
                            tables += 2 * (pipes - pipesBefore) * (pipes + lineBreaks);
                            pipes = pipesBefore;
                            inactiveBelow = isImage ? inactiveBelow : brackets.Count;
                            i = close;
                        }
                    }

                    break;
                case 'h' or 'f' or 'm' or 't' or 'w' when IsAutolinkStart(text, i):
                    autolinks += inlines + (scan.Next(Stop.WordEnd, i) - i);
                    break;
            }
        }

        return new InlineCost(walks, linkTails, autolinks, tables);
    }

    // True when text[from..to] has no character that starts or ends a code span, raw HTML or an autolink.
    private static bool NothingHidden(int[] hidingBefore, int from, int to) => hidingBefore[to + 1] == hidingBefore[from];

    // The opening characters of the pipeline's inline parsers (emphasis, links, code, autolinks, HTML, entities,
    // escapes, line breaks, pipe tables, bare-URL autolinks); any other character is literal text, skipped in bulk.
    private static bool IsOpeningCharacter(char c) =>
        c is '*' or '_' or '~' or '[' or ']' or '!' or '`' or '<' or '&' or '\\' or '|' or ':' or '\n' or '\r' or 'h' or 'f' or 'm' or 't' or 'w';

    // Markdig opens a delimiter for a run that can open or close emphasis. Runs with blanks on both sides, '_' inside
    // a word, and a lone '~' (strikethrough needs two) cannot; anything else is counted.
    private static bool IsDelimiterRun(ReadOnlySpan<char> text, int start, int end)
    {
        var before = start > 0 ? text[start - 1] : '\n';
        var after = end + 1 < text.Length ? text[end + 1] : '\n';
        return !(text[start] == '~' && end == start)
            && !(IsBlank(before) && IsBlank(after))
            && !(text[start] == '_' && char.IsAsciiLetterOrDigit(before) && char.IsAsciiLetterOrDigit(after));
    }

    private static bool IsAsciiPunctuation(char c) => c is > ' ' and <= '~' && !char.IsAsciiLetterOrDigit(c);

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r';

    private static bool IsAutolinkStart(ReadOnlySpan<char> text, int i)
    {
        var before = i > 0 ? text[i - 1] : '\0';
        if (!(before == '\0' || char.IsWhiteSpace(before) || before is '*' or '_' or '~' or '('))
        {
            return false;
        }

        var rest = text[i..];
        return rest.StartsWith("http://", StringComparison.Ordinal) || rest.StartsWith("https://", StringComparison.Ordinal)
            || rest.StartsWith("ftp://", StringComparison.Ordinal) || rest.StartsWith("mailto:", StringComparison.Ordinal)
            || rest.StartsWith("tel:", StringComparison.Ordinal) || rest.StartsWith("www.", StringComparison.Ordinal);
    }

    private enum Stop
    {
        WordEnd,            // end of an unbracketed link destination or autolink: space, tab or control character
        NonWhitespace,      // where skipped whitespace ends
        BracketedEnd,       // end of <destination>: an unescaped < or >, or a line break
        DoubleQuote,        // end of a "title"
        SingleQuote,        // end of a 'title'
        Parenthesis,        // end of a (title)
        PlainDestinationEnd, // where a destination stops being plain: space, tab, control, '(', ')' or '\\'
        Backslash,          // the next backslash
        LineEnd,            // the end of the line
    }

    /// <summary>
    /// Finds the next stop of each kind. The scans come at non-decreasing positions, and a stop found stays the answer
    /// for every later position before it, so each kind reads each character about once.
    /// </summary>
    private ref struct Scanner(ReadOnlySpan<char> text)
    {
        private const int Kinds = 9;
        private readonly ReadOnlySpan<char> _text = text;
        private FromAndFound _memo;

        /// <summary>
        /// For the link tail after <c>](</c> at <paramref name="start"/>: where Markdig stops scanning it, and the
        /// <c>)</c> that closes the link when it certainly does (a destination with no parentheses or escapes, an
        /// optional title without escapes); -1 when it may not, so the tail is then estimated as ordinary text too.
        /// </summary>
        public (int Stop, int Close) LinkTail(int start)
        {
            var destination = Next(Stop.NonWhitespace, start);
            if (destination >= _text.Length)
            {
                return (destination, -1);
            }

            int end;
            bool plain;
            if (_text[destination] == '<')
            {
                end = Next(Stop.BracketedEnd, destination + 1);
                if (end >= _text.Length || _text[end] != '>')
                {
                    return (end, -1);
                }

                plain = Next(Stop.Backslash, destination + 1) > end;
                end++;
            }
            else
            {
                end = Next(Stop.WordEnd, destination);
                var plainEnd = Next(Stop.PlainDestinationEnd, destination);
                if (plainEnd < end && _text[plainEnd] == ')')
                {
                    return (plainEnd, plainEnd);
                }

                plain = plainEnd >= end;
            }

            var title = Next(Stop.NonWhitespace, end);
            if (title >= _text.Length)
            {
                return (title, -1);
            }

            Stop? closer = _text[title] switch { '"' => Stop.DoubleQuote, '\'' => Stop.SingleQuote, '(' => Stop.Parenthesis, _ => null };
            if (closer is not { } kind)
            {
                return plain && _text[title] == ')' ? (title, title) : (end, -1);
            }

            var closed = Next(kind, title + 1);
            if (closed >= _text.Length)
            {
                return (closed, -1);
            }

            var after = Next(Stop.NonWhitespace, closed + 1);
            var certain = plain && Next(Stop.Backslash, title + 1) > closed && after < _text.Length && _text[after] == ')';
            return (closed, certain ? after : -1);
        }

        public int Next(Stop kind, int from)
        {
            ref var memo = ref _memo[(int)kind];
            if (memo.Scanned && memo.From <= from && from <= memo.Found)
            {
                return memo.Found;
            }

            var at = from;
            while (at < _text.Length && !IsStop(kind, at))
            {
                at++;
            }

            memo = new Memo(true, from, at);
            return at;
        }

        // An escaped quote or bracket does not stop Markdig; any character after a backslash is treated as escaped,
        // which can only make the estimate longer.
        private readonly bool IsStop(Stop kind, int at)
        {
            var c = _text[at];
            var escaped = at > 0 && _text[at - 1] == '\\';
            return kind switch
            {
                Stop.WordEnd => c is ' ' or '\t' || char.IsControl(c),
                Stop.NonWhitespace => !char.IsWhiteSpace(c),
                Stop.BracketedEnd => c is '\n' or '\r' || (c is '<' or '>' && !escaped),
                Stop.DoubleQuote => c == '"' && !escaped,
                Stop.SingleQuote => c == '\'' && !escaped,
                Stop.Parenthesis => c == ')' && !escaped,
                Stop.PlainDestinationEnd => c is ' ' or '\t' or '(' or ')' or '\\' || char.IsControl(c),
                Stop.Backslash => c == '\\',
                _ => c is '\n' or '\r',
            };
        }

        [System.Runtime.CompilerServices.InlineArray(Kinds)]
        private struct FromAndFound
        {
            private Memo _first;
        }

        private readonly record struct Memo(bool Scanned, int From, int Found);
    }
}

/// <summary>Markdig's block work on the source, in steps, and the deepest nesting a single line opens.</summary>
internal readonly record struct SourceCost(long ReferenceDefinitions, long Underlines, int LineNesting)
{
    public long Total => ReferenceDefinitions + Underlines;
}

/// <summary>Markdig's inline work on a paragraph, in steps, by the construct that causes it.</summary>
internal readonly record struct InlineCost(long NestingWalks, long LinkTails, long Autolinks, long PipeTables)
{
    public long Total => NestingWalks + LinkTails + Autolinks + PipeTables;

    public static InlineCost operator +(InlineCost left, InlineCost right) =>
        new(left.NestingWalks + right.NestingWalks, left.LinkTails + right.LinkTails, left.Autolinks + right.Autolinks, left.PipeTables + right.PipeTables);
}
