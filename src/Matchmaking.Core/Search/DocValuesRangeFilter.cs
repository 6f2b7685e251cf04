using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Matchmaking.Core.Search;

/// <summary>
/// Inclusive range over a numeric doc-values field. Unlike FieldCacheRangeFilter it never matches a
/// document that lacks the value (doc values read 0 for those).
/// </summary>
internal sealed class DocValuesRangeFilter : Filter
{
    private readonly string _field;
    private readonly Func<long, bool> _inRange;
    private readonly string _description;

    private DocValuesRangeFilter(string field, Func<long, bool> inRange, string description)
    {
        _field = field;
        _inRange = inRange;
        _description = description;
    }

    public static DocValuesRangeFilter ForDoubles(string field, double? min, double? max)
    {
        double lo = min ?? double.NegativeInfinity, hi = max ?? double.PositiveInfinity;
        return new(field, bits =>
        {
            double v = BitConverter.Int64BitsToDouble(bits);
            return v >= lo && v <= hi;
        }, $"{field}:[{min?.ToString() ?? "*"} TO {max?.ToString() ?? "*"}]");
    }

    public static DocValuesRangeFilter ForInt64s(string field, long? min, long? max)
    {
        long lo = min ?? long.MinValue, hi = max ?? long.MaxValue;
        return new(field, v => v >= lo && v <= hi, $"{field}:[{min?.ToString() ?? "*"} TO {max?.ToString() ?? "*"}]");
    }

    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var reader = context.AtomicReader;
        var values = reader.GetNumericDocValues(_field);
        var present = reader.GetDocsWithField(_field);
        if (values is null || present is null)
        {
            return null;
        }
        var bits = new FixedBitSet(reader.MaxDoc);
        for (int doc = 0; doc < reader.MaxDoc; doc++)
        {
            if ((acceptDocs is null || acceptDocs.Get(doc)) && present.Get(doc) && _inRange(values.Get(doc)))
            {
                bits.Set(doc);
            }
        }
        return bits;
    }

    public override string ToString() => _description;
}
