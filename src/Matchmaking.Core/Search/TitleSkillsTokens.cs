using System.Runtime.CompilerServices;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Matchmaking.Core.Search;

/// <summary>
/// The analysed title and skills tokens of a segment's documents, for <see cref="TitleSkillsScorer"/>:
/// a document's are read from its hit record and analysed the first time it is re-ranked, then kept
/// with the segment (dropped with it), so a popular document costs neither the read nor the analysis
/// again. Each document's tokens are one packed <c>char[]</c>: the token count, then per token
/// <c>[field (0 title, 1 skills) | 2 when stacked][position][length][chars…]</c>; about 350 bytes for
/// a document with a 15-character title and five skills. Safe for concurrent searches: two threads may
/// analyse the same document, and either result is the same.
/// </summary>
internal sealed class TitleSkillsTokens
{
    internal const char Stacked = (char)2;
    private const int MaxPosition = char.MaxValue;
    private static readonly ConditionalWeakTable<object, TitleSkillsTokens> Cache = new();

    private readonly char[]?[] _docs;

    private TitleSkillsTokens(int maxDoc) => _docs = new char[]?[maxDoc];

    /// <summary>The packed tokens of <paramref name="doc"/> (segment-relative) in <paramref name="leaf"/>.</summary>
    public static char[] Get(AtomicReader leaf, int doc, Analyzer analyzer, BytesRef scratch)
    {
        var segment = Cache.GetValue(leaf.CoreCacheKey, _ => new TitleSkillsTokens(leaf.MaxDoc));
        var tokens = Volatile.Read(ref segment._docs[doc]);
        if (tokens is null)
        {
            var (title, skills) = HitRecord.ReadTitleAndSkills(HitRecord.Load(leaf, doc, scratch));
            tokens = Analyze(analyzer, title, skills);
            Volatile.Write(ref segment._docs[doc], tokens);
        }
        return tokens;
    }

    /// <summary>Packs the tokens of a title and of skills separated by <see cref="HitRecord.SkillSeparator"/>.</summary>
    internal static char[] Analyze(Analyzer analyzer, string title, string skills)
    {
        var packed = new List<char> { '\0' };
        int count = Append(packed, analyzer, FieldNames.Title, 0, title) + Append(packed, analyzer, FieldNames.Skills, 1, skills);
        packed[0] = (char)count;
        return [.. packed];
    }

    /// <summary>
    /// Analyses <paramref name="text"/> in one pass; a value boundary (<see cref="HitRecord.SkillSeparator"/>)
    /// adds the analyzer's position gap, as between the values of a multi-valued field in the index.
    /// </summary>
    private static int Append(List<char> packed, Analyzer analyzer, string field, int slot, string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }
        int gap = analyzer.GetPositionIncrementGap(field);
        int nextSeparator = text.IndexOf(HitRecord.SkillSeparator);
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        int position = -1, count = 0;
        while (stream.IncrementToken() && count < char.MaxValue / 2)
        {
            while (nextSeparator >= 0 && offset.StartOffset > nextSeparator)
            {
                position += gap;
                nextSeparator = text.IndexOf(HitRecord.SkillSeparator, nextSeparator + 1);
            }
            position += increment.PositionIncrement;
            if (position > MaxPosition || term.Length > char.MaxValue)
            {
                break;
            }
            packed.Add((char)(slot | (increment.PositionIncrement == 0 ? Stacked : 0)));
            packed.Add((char)position);
            packed.Add((char)term.Length);
            for (int i = 0; i < term.Length; i++)
            {
                packed.Add(term.Buffer[i]);
            }
            count++;
        }
        stream.End();
        return count;
    }
}
