using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Matchmaking.Core.Search;

/// <summary>
/// Scores the parser's title/skills query (<see cref="ParsedUserQuery.Scoring"/>) against the top hits
/// in memory, from each hit's analysed title and skills (<see cref="TitleSkillsTokens"/>), so the index
/// needs no title or skills field of its own: those fields would index every title and skill token a
/// second time (beside the catch-all field) and cost a term look-up per field, term and segment on
/// every query. The formula is Lucene's BM25 (k1 1.2, b 0.75) as the index's similarity gives it: a
/// term's idf from the catch-all field's document frequency, a phrase's the sum of its terms', the
/// field's length in tokens against a fixed average (there are no per-field statistics). Boolean
/// clauses add up (a required clause that does not match fails the whole), disjunction-max takes the
/// best plus the tie-breaker share of the rest, a single-character expansion (prefix or wildcard)
/// scores its boost. Not thread-safe: one per search.
/// </summary>
internal sealed class TitleSkillsScorer
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;

    /// <summary>
    /// Assumed average lengths, in tokens, of a title and of a document's skills (the demo data's
    /// titles are 8–20 bigrams, its skills together 10–25).
    /// </summary>
    internal const float AverageTitleLength = 12f, AverageSkillsLength = 16f;

    private const int TitleSlot = 0, SkillsSlot = 1;
    private static readonly float[] AverageLengths = [AverageTitleLength, AverageSkillsLength];

    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<char> _singles = [];
    private readonly Node _root;
    private readonly FieldTokens[] _fields = [new(), new()];

    /// <param name="scoring">The parser's scoring query (terms and phrases over title and skills).</param>
    /// <param name="idf">Inverse document frequency of a term (as BM25 computes it in the catch-all field).</param>
    public TitleSkillsScorer(Query scoring, Func<string, float> idf)
    {
        _lookup = _termIds.GetAlternateLookup<ReadOnlySpan<char>>();
        _root = Compile(scoring, 1f, idf);
    }

    /// <summary>BM25's idf: ln(1 + (docs − df + 0.5) / (df + 0.5)).</summary>
    public static float Idf(long docFreq, long docs) => (float)Math.Log(1 + (docs - docFreq + 0.5) / (docFreq + 0.5));

    /// <summary>The score of a document from its packed title and skills tokens (<see cref="TitleSkillsTokens"/>).</summary>
    public float Score(char[] packed)
    {
        _fields[TitleSlot].Clear();
        _fields[SkillsSlot].Clear();
        int count = packed[0];
        for (int t = 0, at = 1; t < count; t++)
        {
            int flags = packed[at], position = packed[at + 1], length = packed[at + 2];
            var chars = packed.AsSpan(at + 3, length);
            at += 3 + length;
            bool stacked = (flags & TitleSkillsTokens.Stacked) != 0;
            _fields[flags & 1].Add(_lookup.TryGetValue(chars, out int id) ? id : -1, position, !stacked, _singles.Count == 0 ? 0 : Singles(chars));
        }
        return _root.TryScore(_fields, out float score) ? score : 0f;
    }

    /// <summary>Bit i: the token starts with single character i; bit 32 + i: it is two characters ending with it.</summary>
    private long Singles(ReadOnlySpan<char> token)
    {
        long bits = 0;
        for (int i = 0; i < _singles.Count; i++)
        {
            if (token.Length > 0 && token[0] == _singles[i])
            {
                bits |= 1L << i;
            }
            if (token.Length == 2 && token[1] == _singles[i])
            {
                bits |= 1L << (32 + i);
            }
        }
        return bits;
    }

    private int TermId(string term)
    {
        if (!_termIds.TryGetValue(term, out int id))
        {
            _termIds[term] = id = _termIds.Count;
        }
        return id;
    }

    private static int Slot(string field) => field switch
    {
        FieldNames.Title => TitleSlot,
        FieldNames.Skills => SkillsSlot,
        _ => -1,
    };

    /// <param name="idfOverride">The idf to give every term and phrase below (a synonym's other forms weigh as the form typed).</param>
    private Node Compile(Query query, float boost, Func<string, float> idf, float? idfOverride = null)
    {
        boost *= query.Boost;
        switch (query)
        {
            case SynonymGroupQuery group when group.Clauses.Count > 1:
                var typed = group.Clauses[0].Query;
                var typedIdf = idfOverride ?? TermTexts(typed).Sum(idf);
                return new BooleanNode(
                    group.Clauses.Select((c, i) => Compile(c.Query, boost, idf, i == 0 ? idfOverride : typedIdf)).ToArray(),
                    group.Clauses.Select(c => c.Occur).ToArray());
            case TermQuery term:
                return new PhraseNode(Slot(term.Term.Field), [TermId(term.Term.Text)], [0], (idfOverride ?? idf(term.Term.Text)) * boost * (K1 + 1));
            case PhraseQuery phrase:
                var terms = phrase.GetTerms();
                var positions = phrase.GetPositions();
                int first = terms.Length == 0 ? 0 : positions.Min();
                return new PhraseNode(
                    terms.Length == 0 ? -1 : Slot(terms[0].Field),
                    terms.Select(t => TermId(t.Text)).ToArray(),
                    positions.Select(p => p - first).ToArray(),
                    (idfOverride ?? terms.Sum(t => idf(t.Text))) * boost * (K1 + 1));
            case PrefixQuery prefix:
                return SingleNode(prefix.Prefix, boost, ends: false);
            case WildcardQuery wildcard when wildcard.Term.Text.Length == 2 && wildcard.Term.Text[0] == '?':
                return SingleNode(new Term(wildcard.Term.Field, wildcard.Term.Text[1..]), boost, ends: true);
            case BooleanQuery boolean:
                return new BooleanNode(
                    boolean.Clauses.Select(c => Compile(c.Query, boost, idf, idfOverride)).ToArray(),
                    boolean.Clauses.Select(c => c.Occur).ToArray());
            case DisjunctionMaxQuery dismax:
                return new MaxNode(dismax.Disjuncts.Select(d => Compile(d, boost, idf, idfOverride)).ToArray(), dismax.TieBreakerMultiplier);
            default:
                return NoMatch.Instance;
        }
    }

    /// <summary>The distinct term texts of a term, phrase or Boolean/disjunction of them.</summary>
    private static IEnumerable<string> TermTexts(Query query)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        void Walk(Query q)
        {
            switch (q)
            {
                case TermQuery t:
                    terms.Add(t.Term.Text);
                    break;
                case PhraseQuery p:
                    terms.UnionWith(p.GetTerms().Select(t => t.Text));
                    break;
                case BooleanQuery b:
                    foreach (var clause in b.Clauses)
                    {
                        Walk(clause.Query);
                    }
                    break;
                case DisjunctionMaxQuery d:
                    foreach (var disjunct in d.Disjuncts)
                    {
                        Walk(disjunct);
                    }
                    break;
            }
        }
        Walk(query);
        return terms;
    }

    private Node SingleNode(Term term, float boost, bool ends)
    {
        if (term.Text.Length != 1)
        {
            return NoMatch.Instance;
        }
        int index = _singles.IndexOf(term.Text[0]);
        if (index < 0)
        {
            if (_singles.Count == 32)
            {
                return NoMatch.Instance;
            }
            index = _singles.Count;
            _singles.Add(term.Text[0]);
        }
        return new SingleCharacterNode(Slot(term.Field), 1L << (ends ? 32 + index : index), boost);
    }

    /// <summary>The analysed tokens of one field of the current document, in position order.</summary>
    private sealed class FieldTokens
    {
        public int[] Terms = new int[64];
        public int[] Positions = new int[64];
        public long[] SingleBits = new long[64];
        public int Count;
        public int Length;

        public void Clear()
        {
            Count = 0;
            Length = 0;
        }

        public void Add(int term, int position, bool counts, long singles)
        {
            if (Count == Terms.Length)
            {
                Array.Resize(ref Terms, Count * 2);
                Array.Resize(ref Positions, Count * 2);
                Array.Resize(ref SingleBits, Count * 2);
            }
            Terms[Count] = term;
            Positions[Count] = position;
            SingleBits[Count++] = singles;
            if (counts)
            {
                Length++; // stacked tokens do not count towards the length, as in Lucene's norms
            }
        }

        /// <summary>Whether <paramref name="term"/> is at <paramref name="position"/>.</summary>
        public bool Has(int term, int position)
        {
            for (int i = 0; i < Count && Positions[i] <= position; i++)
            {
                if (Positions[i] == position && Terms[i] == term)
                {
                    return true;
                }
            }
            return false;
        }
    }

    private abstract class Node
    {
        public abstract bool TryScore(FieldTokens[] fields, out float score);
    }

    private sealed class NoMatch : Node
    {
        public static readonly NoMatch Instance = new();

        public override bool TryScore(FieldTokens[] fields, out float score)
        {
            score = 0f;
            return false;
        }
    }

    /// <summary>A term (one element) or an exact phrase; BM25 of how often it occurs in the field.</summary>
    private sealed class PhraseNode(int slot, int[] terms, int[] offsets, float weight) : Node
    {
        public override bool TryScore(FieldTokens[] fields, out float score)
        {
            score = 0f;
            if (slot < 0)
            {
                return false;
            }
            var field = fields[slot];
            int freq = 0;
            for (int i = 0; i < field.Count; i++)
            {
                if (field.Terms[i] != terms[0])
                {
                    continue;
                }
                int at = field.Positions[i] - offsets[0];
                bool all = true;
                for (int k = 1; k < terms.Length && all; k++)
                {
                    all = field.Has(terms[k], at + offsets[k]);
                }
                if (all)
                {
                    freq++;
                }
            }
            if (freq == 0)
            {
                return false;
            }
            float norm = K1 * (1 - B + B * field.Length / AverageLengths[slot]);
            score = weight * freq / (freq + norm);
            return true;
        }
    }

    /// <summary>A single character typed: matches a token starting with it (or a bigram ending with it) and scores its boost.</summary>
    private sealed class SingleCharacterNode(int slot, long bit, float boost) : Node
    {
        public override bool TryScore(FieldTokens[] fields, out float score)
        {
            score = 0f;
            if (slot < 0)
            {
                return false;
            }
            var field = fields[slot];
            for (int i = 0; i < field.Count; i++)
            {
                if ((field.SingleBits[i] & bit) != 0)
                {
                    score = boost;
                    return true;
                }
            }
            return false;
        }
    }

    private sealed class BooleanNode(Node[] clauses, Occur[] occurs) : Node
    {
        public override bool TryScore(FieldTokens[] fields, out float score)
        {
            score = 0f;
            bool any = false;
            for (int i = 0; i < clauses.Length; i++)
            {
                bool matched = clauses[i].TryScore(fields, out float clause);
                if (occurs[i] == Occur.MUST_NOT)
                {
                    if (matched)
                    {
                        score = 0f;
                        return false;
                    }
                    continue;
                }
                if (!matched)
                {
                    if (occurs[i] == Occur.MUST)
                    {
                        score = 0f;
                        return false;
                    }
                    continue;
                }
                any = true;
                score += clause;
            }
            return any;
        }
    }

    private sealed class MaxNode(Node[] disjuncts, float tieBreaker) : Node
    {
        public override bool TryScore(FieldTokens[] fields, out float score)
        {
            float max = 0f, sum = 0f;
            bool any = false;
            foreach (var disjunct in disjuncts)
            {
                if (disjunct.TryScore(fields, out float s))
                {
                    any = true;
                    sum += s;
                    max = Math.Max(max, s);
                }
            }
            score = any ? max + tieBreaker * (sum - max) : 0f;
            return any;
        }
    }
}
