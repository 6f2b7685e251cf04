using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Matchmaking.Core.Search;

/// <summary>
/// Documents with any of the given values in a facet, read from the facet's sorted-set doc values
/// (through the per-segment <see cref="FacetOrdinals"/> arrays that facet counting uses). Facets are
/// not indexed as terms: writing each value twice, as a term and as a doc value, cost a sizeable part
/// of a rebuild, and the ordinals answer a filter with one array walk per segment.
/// </summary>
internal sealed class FacetValuesFilter : Filter
{
    private readonly string _field;
    private readonly string[] _values;

    public FacetValuesFilter(string field, IEnumerable<string> values)
    {
        _field = field;
        _values = values.Distinct(StringComparer.Ordinal).ToArray();
    }

    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var reader = context.AtomicReader;
        if (FacetOrdinals.Get(reader, _field) is not { } ordinals || ordinals.Allowed(_values) is not { } allowed)
        {
            return null;
        }
        int maxDoc = reader.MaxDoc;
        var bits = new FixedBitSet(maxDoc);
        for (int doc = 0; doc < maxDoc; doc++)
        {
            if (ordinals.HasAny(doc, allowed) && (acceptDocs is null || acceptDocs.Get(doc)))
            {
                bits.Set(doc);
            }
        }
        return bits;
    }

    public override string ToString() => $"{_field}:({string.Join(" ", _values)})";
}
