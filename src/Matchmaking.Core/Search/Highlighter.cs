using System.Net;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Matchmaking.Core.Search;

/// <summary>
/// Marks matched terms in original text using the analyzer's token offsets. Output is HTML-safe:
/// matches are wrapped in <c>&lt;mark&gt;</c>, everything else is HTML-encoded.
/// </summary>
public sealed class Highlighter
{
    /// <summary>Text beyond this many characters is not analyzed for matches (bounds the cost per hit).</summary>
    public const int MaxAnalyzedChars = 20_000;

    private readonly Analyzer _analyzer;

    public Highlighter(Analyzer analyzer, int snippetLength = 120)
    {
        _analyzer = analyzer ?? throw new ArgumentNullException(nameof(analyzer));
        SnippetLength = Math.Max(20, snippetLength);
    }

    public int SnippetLength { get; }

    /// <summary>The whole text, encoded, with matches marked.</summary>
    public string Highlight(string text, IReadOnlySet<string> terms, string field = FieldNames.Title)
    {
        text ??= "";
        return Render(text, 0, text.Length, FindMatches(text, terms, field));
    }

    /// <summary>About <see cref="SnippetLength"/> characters around the densest cluster of matches.</summary>
    public string Snippet(string text, IReadOnlySet<string> terms, string field = FieldNames.Body)
    {
        text ??= "";
        var matches = FindMatches(text, terms, field);
        int length = SnippetLength;
        if (text.Length <= length)
        {
            return Render(text, 0, text.Length, matches);
        }

        int start = 0;
        if (matches.Count > 0)
        {
            // Sliding window: the window starting at a match that holds the most matches.
            int best = 0, bestCount = 0, last = 0;
            for (int i = 0, j = 0; i < matches.Count; i++)
            {
                if (j < i) j = i;
                while (j + 1 < matches.Count && matches[j + 1].End - matches[i].Start <= length) j++;
                int count = j - i + 1;
                if (count > bestCount)
                {
                    bestCount = count;
                    best = i;
                    last = j;
                }
            }
            int clusterStart = matches[best].Start;
            int clusterEnd = Math.Min(matches[last].End, clusterStart + length);
            start = clusterStart - (length - (clusterEnd - clusterStart)) / 2;
        }
        start = Math.Clamp(start, 0, text.Length - length);
        int end = start + length;
        if (start > 0 && char.IsLowSurrogate(text[start])) start++;
        if (end < text.Length && char.IsLowSurrogate(text[end])) end--;

        var sb = new StringBuilder();
        if (start > 0) sb.Append('…');
        sb.Append(Render(text, start, end, matches));
        if (end < text.Length) sb.Append('…');
        return sb.ToString();
    }

    /// <summary>Merged, ordered [Start, End) ranges of tokens whose term is in <paramref name="terms"/>.</summary>
    public IReadOnlyList<(int Start, int End)> FindMatches(string text, IReadOnlySet<string> terms, string field = FieldNames.Body)
    {
        var ranges = new List<(int Start, int End)>();
        if (terms.Count == 0 || string.IsNullOrEmpty(text))
        {
            return ranges;
        }
        var set = terms as HashSet<string> is { } h && h.Comparer == StringComparer.Ordinal ? h : new HashSet<string>(terms, StringComparer.Ordinal);
        var lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
        // One-character CJK terms also light up inside bigrams (泵 in 盐泵) for bigram-only indexes.
        var singles = set.Where(SafeQueryParser.IsSingleCjk).Select(t => t[0]).ToHashSet();
        var analyzed = text.Length > MaxAnalyzedChars ? text[..MaxAnalyzedChars] : text;
        using var stream = _analyzer.GetTokenStream(field, analyzed);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            int s = offset.StartOffset, e = Math.Min(offset.EndOffset, analyzed.Length);
            if (!lookup.Contains(term.Buffer.AsSpan(0, term.Length)))
            {
                if (singles.Count == 0 || term.Length != 2 || e - s != 2)
                {
                    continue;
                }
                bool first = singles.Contains(term.Buffer[0]), second = singles.Contains(term.Buffer[1]);
                if (!first && !second)
                {
                    continue;
                }
                (s, e) = first && second ? (s, e) : first ? (s, s + 1) : (s + 1, e);
            }
            if (s >= e)
            {
                continue;
            }
            if (ranges.Count > 0 && s <= ranges[^1].End)
            {
                // Overlapping CJK bigrams (熔盐 + 盐泵) become one mark.
                ranges[^1] = (ranges[^1].Start, Math.Max(ranges[^1].End, e));
            }
            else
            {
                ranges.Add((s, e));
            }
        }
        stream.End();
        return ranges;
    }

    private static string Render(string text, int start, int end, IReadOnlyList<(int Start, int End)> matches)
    {
        var sb = new StringBuilder(end - start + 32);
        int at = start;
        foreach (var (s0, e0) in matches)
        {
            int s = Math.Max(s0, start), e = Math.Min(e0, end);
            if (e <= s || s < at)
            {
                continue;
            }
            sb.Append(WebUtility.HtmlEncode(text[at..s]));
            sb.Append("<mark>").Append(WebUtility.HtmlEncode(text[s..e])).Append("</mark>");
            at = e;
        }
        sb.Append(WebUtility.HtmlEncode(text[at..end]));
        return sb.ToString();
    }
}
