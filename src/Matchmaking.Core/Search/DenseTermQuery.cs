using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Matchmaking.Core.Search;

/// <summary>
/// A <see cref="TermQuery"/> for a term that is in a large share of the documents (a common Chinese character
/// pair such as 系统 or 材料): its postings are read once per segment into memory — a bit per document and a
/// one-byte frequency — and then matched and scored from there. Same matches and scores as <see cref="TermQuery"/>.
/// </summary>
/// <remarks>
/// A Chinese word is matched as the conjunction of its character pairs, and its rarest pair leads: the common ones are
/// only checked at the documents it finds. On Lucene's compressed postings each such check decodes a new block of
/// 128 documents and frequencies (~100 ns); in memory it is a bit test. Memory is bounded per segment
/// (<see cref="MaxBytesPerSegment"/>); past that, and for segments of under <see cref="MinSegmentDocs"/> documents,
/// the term is read from the index as usual.
/// </remarks>
public sealed class DenseTermQuery : Query
{
    /// <summary>The share of a segment's documents a term must be in to be kept in memory.</summary>
    public const int DensityDivisor = 8;

    public const int MinSegmentDocs = 4096;

    /// <summary>Memory for the terms kept per segment: about 300 terms in a 100,000-document segment.</summary>
    public const long MaxBytesPerSegment = 32L << 20;

    private readonly TermContext _states;

    /// <param name="states">The term's states in the searcher's reader (as <see cref="TermQuery(Term, TermContext)"/> takes them).</param>
    public DenseTermQuery(Term term, TermContext states)
    {
        Term = term ?? throw new ArgumentNullException(nameof(term));
        _states = states ?? throw new ArgumentNullException(nameof(states));
    }

    public Term Term { get; }

    /// <summary>Whether a term in <paramref name="docFreq"/> of <paramref name="maxDoc"/> documents is worth this query.</summary>
    public static bool IsDense(int docFreq, int maxDoc) => maxDoc >= MinSegmentDocs && docFreq >= maxDoc / DensityDivisor;

    public override Weight CreateWeight(IndexSearcher searcher) => new DenseTermWeight(this, searcher);

    /// <summary>
    /// Loads the dense terms of <paramref name="field"/> in every large segment of <paramref name="reader"/> not loaded
    /// before, densest first and within the memory bound, so that searches do not pay for the loading.
    /// </summary>
    /// <returns>How many terms were loaded.</returns>
    public static int Warm(IndexReader reader, string field)
    {
        int loaded = 0;
        foreach (var leaf in reader.Leaves)
        {
            loaded += DensePostings.Warm(leaf.AtomicReader, field);
        }
        return loaded;
    }

    /// <summary>Whether <paramref name="reader"/> has a large segment whose dense terms nobody has loaded or begun to load.</summary>
    public static bool NeedsWarming(IndexReader reader) => reader.Leaves.Any(l => DensePostings.NeedsWarming(l.AtomicReader));

    public override void ExtractTerms(ISet<Term> terms) => terms.Add(Term);

    public override string ToString(string field) => new TermQuery(Term) { Boost = Boost }.ToString(field);

    public override bool Equals(object? obj) => obj is DenseTermQuery other && other.Term.Equals(Term) && other.Boost == Boost;

    public override int GetHashCode() => HashCode.Combine(Term, Boost);

    private sealed class DenseTermWeight : Weight
    {
        private readonly DenseTermQuery _query;
        private readonly Similarity _similarity;
        private readonly Similarity.SimWeight _stats;
        private readonly Weight _fromIndex;

        public DenseTermWeight(DenseTermQuery query, IndexSearcher searcher)
        {
            _query = query;
            _similarity = searcher.Similarity;
            _stats = _similarity.ComputeWeight(query.Boost, searcher.CollectionStatistics(query.Term.Field), searcher.TermStatistics(query.Term, query._states));
            _fromIndex = new TermQuery(query.Term, query._states) { Boost = query.Boost }.CreateWeight(searcher);
        }

        public override Query Query => _query;

        public override float GetValueForNormalization() => _stats.GetValueForNormalization();

        public override void Normalize(float norm, float topLevelBoost)
        {
            _stats.Normalize(norm, topLevelBoost);
            _fromIndex.Normalize(norm, topLevelBoost);
        }

        public override Explanation Explain(AtomicReaderContext context, int doc) => _fromIndex.Explain(context, doc);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            var state = _query._states.Get(context.Ord);
            if (state is null)
            {
                return null; // not in this segment
            }
            var postings = DensePostings.Get(context.AtomicReader, _query.Term, state);
            return postings is null
                ? _fromIndex.GetScorer(context, acceptDocs)
                : new DenseScorer(this, postings, _similarity.GetSimScorer(_stats, context), acceptDocs);
        }
    }

    private sealed class DenseScorer(Weight weight, DensePostings postings, Similarity.SimScorer similarity, IBits? acceptDocs) : Scorer(weight)
    {
        private int _doc = -1;

        public override int DocID => _doc;

        public override int Freq => postings.Freq(_doc);

        public override float GetScore() => similarity.Score(_doc, postings.Freq(_doc));

        public override int NextDoc() => _doc == NO_MORE_DOCS ? NO_MORE_DOCS : Advance(_doc + 1);

        public override int Advance(int target)
        {
            while (target < postings.Docs.Length)
            {
                int doc = postings.Docs.NextSetBit(target);
                if (doc < 0)
                {
                    break;
                }
                if (acceptDocs is null || acceptDocs.Get(doc))
                {
                    return _doc = doc;
                }
                target = doc + 1;
            }
            return _doc = NO_MORE_DOCS;
        }

        public override long GetCost() => postings.DocFreq;
    }

    /// <summary>One term's postings in one segment, deleted documents included.</summary>
    private sealed class DensePostings
    {
        private static readonly ConditionalWeakTable<object, Segment> Cache = new();

        private readonly byte[] _freqs;
        private readonly Dictionary<int, int>? _largeFreqs;

        private DensePostings(FixedBitSet docs, byte[] freqs, Dictionary<int, int>? largeFreqs, int docFreq)
        {
            Docs = docs;
            _freqs = freqs;
            _largeFreqs = largeFreqs;
            DocFreq = docFreq;
        }

        public FixedBitSet Docs { get; }

        public int DocFreq { get; }

        public int Freq(int doc) => _freqs[doc] == byte.MaxValue && _largeFreqs is not null && _largeFreqs.TryGetValue(doc, out int large) ? large : _freqs[doc];

        /// <summary>The term's postings in <paramref name="reader"/>, or null when the segment is too small or its budget spent.</summary>
        public static DensePostings? Get(AtomicReader reader, Term term, TermState state)
        {
            int maxDoc = reader.MaxDoc;
            if (maxDoc < MinSegmentDocs)
            {
                return null;
            }
            var segment = Cache.GetValue(reader.CoreCacheKey, _ => new Segment());
            var key = term.Field + "\u0000" + term.Text;
            if (segment.Terms.TryGetValue(key, out var cached))
            {
                return cached;
            }
            long bytes = maxDoc + maxDoc / 8 + 64;
            if (Interlocked.Add(ref segment.Bytes, bytes) > MaxBytesPerSegment)
            {
                Interlocked.Add(ref segment.Bytes, -bytes);
                return null;
            }
            DensePostings? postings = null;
            try
            {
                postings = Load(reader, term, state, maxDoc);
            }
            finally
            {
                if (postings is null)
                {
                    Interlocked.Add(ref segment.Bytes, -bytes); // not found, or the read failed
                }
            }
            if (postings is null)
            {
                return null;
            }
            if (!segment.Terms.TryAdd(key, postings))
            {
                Interlocked.Add(ref segment.Bytes, -bytes); // another search loaded it first
                return segment.Terms[key];
            }
            return postings;
        }

        public static bool NeedsWarming(AtomicReader reader) =>
            reader.MaxDoc >= MinSegmentDocs && !(Cache.TryGetValue(reader.CoreCacheKey, out var segment) && Volatile.Read(ref segment.Warmed) == 1);

        public static int Warm(AtomicReader reader, string field)
        {
            int maxDoc = reader.MaxDoc;
            if (maxDoc < MinSegmentDocs || reader.GetTerms(field) is not { } terms)
            {
                return 0;
            }
            var segment = Cache.GetValue(reader.CoreCacheKey, _ => new Segment());
            if (Interlocked.Exchange(ref segment.Warmed, 1) == 1)
            {
                return 0;
            }
            var dense = new List<(Term Term, TermState State, int DocFreq)>();
            var termsEnum = terms.GetEnumerator();
            while (termsEnum.MoveNext())
            {
                if (IsDense(termsEnum.DocFreq, maxDoc))
                {
                    dense.Add((new Term(field, BytesRef.DeepCopyOf(termsEnum.Term)), termsEnum.GetTermState(), termsEnum.DocFreq));
                }
            }
            int loaded = 0;
            foreach (var (term, state, _) in dense.OrderByDescending(d => d.DocFreq))
            {
                if (Get(reader, term, state) is null)
                {
                    break; // the memory bound is reached
                }
                loaded++;
            }
            return loaded;
        }

        private static DensePostings? Load(AtomicReader reader, Term term, TermState state, int maxDoc)
        {
            var termsEnum = reader.GetTerms(term.Field)?.GetEnumerator();
            if (termsEnum is null)
            {
                return null;
            }
            termsEnum.SeekExact(term.Bytes, state);
            var docsEnum = termsEnum.Docs(null, null, DocsFlags.FREQS);
            var docs = new FixedBitSet(maxDoc);
            var freqs = new byte[maxDoc];
            Dictionary<int, int>? large = null;
            int docFreq = 0;
            for (int doc = docsEnum.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docsEnum.NextDoc())
            {
                int freq = docsEnum.Freq;
                docs.Set(doc);
                docFreq++;
                if (freq >= byte.MaxValue)
                {
                    (large ??= [])[doc] = freq;
                    freq = byte.MaxValue;
                }
                freqs[doc] = (byte)freq;
            }
            return new DensePostings(docs, freqs, large, docFreq);
        }

        private sealed class Segment
        {
            public readonly ConcurrentDictionary<string, DensePostings> Terms = new(StringComparer.Ordinal);
            public long Bytes;
            public int Warmed;
        }
    }
}
