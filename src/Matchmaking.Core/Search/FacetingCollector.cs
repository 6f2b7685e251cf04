using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Matchmaking.Core.Search;

/// <summary>
/// Wraps a top-docs collector: counts facet values from SortedSet doc values over every matching
/// document and applies the "sideways" facet filters itself. A document that fails exactly one
/// sideways filter is not a hit but still counts toward that facet, so a filtered facet shows the
/// counts it would have without its own filter (as Lucene's DrillSideways does).
/// </summary>
internal sealed class FacetingCollector : ICollector
{
    private readonly ICollector _inner;
    private readonly string[] _counted;
    private readonly Dictionary<string, int>[] _totals;
    private readonly (int CountedIndex, BytesRef[] Allowed)[] _sideways;

    private SortedSetDocValues?[] _values = [];
    private int[][] _segmentCounts = [];
    private bool[]?[] _allowedOrds = [];

    public FacetingCollector(ICollector inner, IReadOnlyList<string> countedFacets, IReadOnlyDictionary<string, IReadOnlyCollection<string>> sidewaysFilters)
    {
        _inner = inner;
        _counted = countedFacets.ToArray();
        _totals = _counted.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        _sideways = sidewaysFilters
            .Select(f => (Array.IndexOf(_counted, f.Key), f.Value.Select(v => new BytesRef(v)).ToArray()))
            .ToArray();
        if (_sideways.Any(s => s.Item1 < 0))
        {
            throw new ArgumentException("A sideways filter must be on a counted facet.", nameof(sidewaysFilters));
        }
    }

    public int TotalHits { get; private set; }

    public bool AcceptsDocsOutOfOrder => _inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => _inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        _inner.SetNextReader(context);
        var reader = context.AtomicReader;
        _values = new SortedSetDocValues?[_counted.Length];
        _segmentCounts = new int[_counted.Length][];
        for (int i = 0; i < _counted.Length; i++)
        {
            _values[i] = reader.GetSortedSetDocValues(FieldNames.Facet(_counted[i]));
            _segmentCounts[i] = new int[_values[i] is { } dv ? (int)dv.ValueCount : 0];
        }
        _allowedOrds = new bool[]?[_sideways.Length];
        for (int s = 0; s < _sideways.Length; s++)
        {
            var dv = _values[_sideways[s].CountedIndex];
            if (dv is null)
            {
                continue;
            }
            var allowed = new bool[dv.ValueCount];
            foreach (var value in _sideways[s].Allowed)
            {
                long ord = dv.LookupTerm(value);
                if (ord >= 0)
                {
                    allowed[ord] = true;
                }
            }
            _allowedOrds[s] = allowed;
        }
    }

    public void Collect(int doc)
    {
        int failed = -1;
        for (int s = 0; s < _sideways.Length; s++)
        {
            if (!Passes(s, doc))
            {
                if (failed >= 0)
                {
                    return;
                }
                failed = s;
            }
        }
        if (failed < 0)
        {
            TotalHits++;
            _inner.Collect(doc);
            for (int i = 0; i < _counted.Length; i++)
            {
                Count(i, doc);
            }
        }
        else
        {
            Count(_sideways[failed].CountedIndex, doc);
        }
    }

    private bool Passes(int sideway, int doc)
    {
        var allowed = _allowedOrds[sideway];
        var dv = _values[_sideways[sideway].CountedIndex];
        if (allowed is null || dv is null)
        {
            return false;
        }
        dv.SetDocument(doc);
        for (long ord = dv.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = dv.NextOrd())
        {
            if (allowed[ord])
            {
                return true;
            }
        }
        return false;
    }

    private void Count(int facet, int doc)
    {
        var dv = _values[facet];
        if (dv is null)
        {
            return;
        }
        var counts = _segmentCounts[facet];
        dv.SetDocument(doc);
        for (long ord = dv.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = dv.NextOrd())
        {
            counts[ord]++;
        }
    }

    private void Flush()
    {
        var scratch = new BytesRef();
        for (int i = 0; i < _values.Length; i++)
        {
            var dv = _values[i];
            var counts = _segmentCounts[i];
            if (dv is null)
            {
                continue;
            }
            for (int ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0)
                {
                    continue;
                }
                dv.LookupOrd(ord, scratch);
                var value = scratch.Utf8ToString();
                _totals[i][value] = _totals[i].GetValueOrDefault(value) + counts[ord];
            }
        }
        _values = [];
        _segmentCounts = [];
    }

    /// <summary>Call once after the search: facet → (value, count), count descending then value.</summary>
    public Dictionary<string, IReadOnlyList<FacetCount>> Finish()
    {
        Flush();
        var result = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal);
        for (int i = 0; i < _counted.Length; i++)
        {
            result[_counted[i]] = _totals[i]
                .Select(kv => new FacetCount(kv.Key, kv.Value))
                .OrderByDescending(c => c.Count)
                .ThenBy(c => c.Value, StringComparer.Ordinal)
                .ToList();
        }
        return result;
    }
}
