using System.Buffers;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Matchmaking.Core.Search;

/// <summary>
/// Matches the documents that match at least <see cref="MinimumMatch"/> of <see cref="Clauses"/>, scored by the sum
/// of the scores of the clauses they match: what a <see cref="BooleanQuery"/> of optional clauses with
/// <see cref="BooleanQuery.MinimumNumberShouldMatch"/> gives under BM25 (whose coordination factor is 1).
/// </summary>
/// <remarks>
/// Evaluated a clause at a time within each segment: every clause's matches are counted and their scores summed in
/// arrays indexed by document, and the documents reaching the minimum are then handed out in order. When the clauses
/// each match tens of thousands of documents (the "half of the words" retry of a long query), this is several times
/// cheaper than Lucene's document-at-a-time scorer, which keeps every clause in a priority queue.
/// </remarks>
public sealed class AtLeastQuery : Query
{
    public AtLeastQuery(IEnumerable<Query> clauses, int minimumMatch)
    {
        Clauses = (clauses ?? throw new ArgumentNullException(nameof(clauses))).ToArray();
        if (Clauses.Count > byte.MaxValue)
        {
            throw new ArgumentException($"At most {byte.MaxValue} clauses.", nameof(clauses));
        }
        if (minimumMatch < 1 || minimumMatch > Clauses.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumMatch), minimumMatch, "Between 1 and the number of clauses.");
        }
        MinimumMatch = minimumMatch;
    }

    public IReadOnlyList<Query> Clauses { get; }

    public int MinimumMatch { get; }

    public override Weight CreateWeight(IndexSearcher searcher) => new AtLeastWeight(this, searcher);

    public override Query Rewrite(IndexReader reader)
    {
        var rewritten = Clauses.Select(c => c.Rewrite(reader)).ToArray();
        return rewritten.Where((c, i) => !ReferenceEquals(c, Clauses[i])).Any()
            ? new AtLeastQuery(rewritten, MinimumMatch) { Boost = Boost }
            : this;
    }

    public override void ExtractTerms(ISet<Term> terms)
    {
        foreach (var clause in Clauses)
        {
            clause.ExtractTerms(terms);
        }
    }

    public override string ToString(string field)
    {
        var text = $"atleast({MinimumMatch}: {string.Join(" ", Clauses.Select(c => c is BooleanQuery ? $"({c.ToString(field)})" : c.ToString(field)))})";
        return Boost == 1f ? text : $"{text}^{Boost}";
    }

    public override bool Equals(object? obj) =>
        obj is AtLeastQuery other && other.MinimumMatch == MinimumMatch && other.Boost == Boost && other.Clauses.SequenceEqual(Clauses);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(MinimumMatch);
        hash.Add(Boost);
        foreach (var clause in Clauses)
        {
            hash.Add(clause);
        }
        return hash.ToHashCode();
    }

    private sealed class AtLeastWeight : Weight
    {
        private readonly AtLeastQuery _query;
        private readonly Weight[] _weights;

        public AtLeastWeight(AtLeastQuery query, IndexSearcher searcher)
        {
            _query = query;
            _weights = query.Clauses.Select(c => c.CreateWeight(searcher)).ToArray();
        }

        public override Query Query => _query;

        public override float GetValueForNormalization()
        {
            float sum = 0;
            foreach (var weight in _weights)
            {
                sum += weight.GetValueForNormalization();
            }
            return sum * _query.Boost * _query.Boost;
        }

        public override void Normalize(float norm, float topLevelBoost)
        {
            foreach (var weight in _weights)
            {
                weight.Normalize(norm, topLevelBoost * _query.Boost);
            }
        }

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            var result = new ComplexExplanation { Description = $"sum of the clauses matched (at least {_query.MinimumMatch} needed):" };
            int matched = 0;
            float sum = 0;
            foreach (var weight in _weights)
            {
                var explanation = weight.Explain(context, doc);
                if (explanation.IsMatch)
                {
                    matched++;
                    sum += explanation.Value;
                    result.AddDetail(explanation);
                }
            }
            result.Match = matched >= _query.MinimumMatch;
            result.Value = result.Match.Value ? sum : 0f;
            if (!result.Match.Value)
            {
                result.Description = $"no match: {matched} of the clauses matched, {_query.MinimumMatch} needed";
            }
            return result;
        }

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            int maxDoc = context.AtomicReader.MaxDoc;
            var scorers = new List<Scorer>(_weights.Length);
            foreach (var weight in _weights)
            {
                if (weight.GetScorer(context, acceptDocs) is { } scorer)
                {
                    scorers.Add(scorer);
                }
            }
            if (scorers.Count < _query.MinimumMatch)
            {
                return null;
            }

            var counts = ArrayPool<byte>.Shared.Rent(maxDoc);
            var sums = ArrayPool<float>.Shared.Rent(maxDoc);
            try
            {
                Array.Clear(counts, 0, maxDoc);
                Array.Clear(sums, 0, maxDoc);
                foreach (var scorer in scorers)
                {
                    for (int doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
                    {
                        counts[doc]++;
                        sums[doc] += scorer.GetScore();
                    }
                }
                byte minimum = (byte)_query.MinimumMatch; // at most 255 clauses (constructor)
                int matched = 0;
                for (int doc = 0; doc < maxDoc; doc++)
                {
                    if (counts[doc] >= minimum)
                    {
                        matched++;
                    }
                }
                if (matched == 0)
                {
                    return null;
                }
                var docs = new int[matched];
                var scores = new float[matched];
                var freqs = new int[matched];
                for (int doc = 0, i = 0; i < matched; doc++)
                {
                    if (counts[doc] >= minimum)
                    {
                        docs[i] = doc;
                        scores[i] = sums[doc];
                        freqs[i++] = counts[doc];
                    }
                }
                return new ListScorer(this, docs, scores, freqs);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(counts);
                ArrayPool<float>.Shared.Return(sums);
            }
        }
    }

    /// <summary>Hands out precomputed matches in document order.</summary>
    private sealed class ListScorer : Scorer
    {
        private readonly int[] _docs;
        private readonly float[] _scores;
        private readonly int[] _freqs;
        private int _at = -1;

        public ListScorer(Weight weight, int[] docs, float[] scores, int[] freqs) : base(weight)
        {
            _docs = docs;
            _scores = scores;
            _freqs = freqs;
        }

        public override int DocID => _at < 0 ? -1 : _at < _docs.Length ? _docs[_at] : NO_MORE_DOCS;

        public override int Freq => _freqs[_at];

        public override float GetScore() => _scores[_at];

        public override int NextDoc() => ++_at < _docs.Length ? _docs[_at] : NO_MORE_DOCS;

        public override int Advance(int target)
        {
            int from = Math.Max(_at + 1, 0);
            if (from >= _docs.Length)
            {
                _at = _docs.Length;
                return NO_MORE_DOCS;
            }
            int found = Array.BinarySearch(_docs, from, _docs.Length - from, target);
            _at = found >= 0 ? found : ~found;
            return DocID;
        }

        public override long GetCost() => _docs.Length;
    }
}
