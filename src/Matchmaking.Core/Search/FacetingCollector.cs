using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Matchmaking.Core.Search;

/// <summary>
/// Wraps a top-docs collector: counts facet values over every matching document and applies the
/// "sideways" facet filters itself. A document that fails exactly one sideways filter is not a hit
/// but still counts toward that facet, so a filtered facet shows the counts it would have without
/// its own filter (as Lucene's DrillSideways does).
/// </summary>
internal sealed class FacetingCollector : ICollector
{
    private readonly ICollector _inner;
    private readonly string[] _counted;
    private readonly Dictionary<string, int>[] _totals;
    private readonly (int CountedIndex, string[] Allowed)[] _sideways;

    private FacetOrdinals?[] _ordinals = [];
    private int[][] _segmentCounts = [];
    private bool[]?[] _allowedOrds = [];

    public FacetingCollector(ICollector inner, IReadOnlyList<string> countedFacets, IReadOnlyDictionary<string, IReadOnlyCollection<string>> sidewaysFilters)
    {
        _inner = inner;
        _counted = countedFacets.ToArray();
        _totals = _counted.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        _sideways = sidewaysFilters.Select(f => (Array.IndexOf(_counted, f.Key), f.Value.ToArray())).ToArray();
        if (_sideways.Any(s => s.CountedIndex < 0))
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
        _ordinals = new FacetOrdinals?[_counted.Length];
        _segmentCounts = new int[_counted.Length][];
        for (int i = 0; i < _counted.Length; i++)
        {
            _ordinals[i] = FacetOrdinals.Get(reader, FieldNames.Facet(_counted[i]));
            _segmentCounts[i] = new int[_ordinals[i]?.Values.Length ?? 0];
        }
        _allowedOrds = new bool[]?[_sideways.Length];
        for (int s = 0; s < _sideways.Length; s++)
        {
            _allowedOrds[s] = _ordinals[_sideways[s].CountedIndex]?.Allowed(_sideways[s].Allowed);
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
        return allowed is not null && _ordinals[_sideways[sideway].CountedIndex]!.HasAny(doc, allowed);
    }

    private void Count(int facet, int doc)
    {
        if (_ordinals[facet] is not { } ordinals)
        {
            return;
        }
        var counts = _segmentCounts[facet];
        var ords = ordinals.Ords;
        for (int i = ordinals.Starts[doc], end = ordinals.Starts[doc + 1]; i < end; i++)
        {
            counts[ords[i]]++;
        }
    }

    private void Flush()
    {
        for (int i = 0; i < _ordinals.Length; i++)
        {
            if (_ordinals[i] is not { } ordinals)
            {
                continue;
            }
            var counts = _segmentCounts[i];
            for (int ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] != 0)
                {
                    var value = ordinals.Values[ord];
                    _totals[i][value] = _totals[i].GetValueOrDefault(value) + counts[ord];
                }
            }
        }
        _ordinals = [];
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
