using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Matchmaking.Core.Search;

/// <summary>
/// A segment's facet ordinals unpacked into flat arrays (doc → ords, ord → value), cached per
/// segment core. Counting over many hits then costs an array walk instead of a doc-values decode
/// per document. Built when a searcher is opened (warming), so queries do not pay for it.
/// </summary>
internal sealed class FacetOrdinals
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, FacetOrdinals?>> Cache = new();

    private FacetOrdinals(int[] starts, int[] ords, string[] values)
    {
        Starts = starts;
        Ords = ords;
        Values = values;
    }

    /// <summary>Ords of doc d are Ords[Starts[d] .. Starts[d+1]).</summary>
    public int[] Starts { get; }
    public int[] Ords { get; }
    public string[] Values { get; }

    public int Lookup(string value)
    {
        int at = Array.BinarySearch(Values, value, StringComparer.Ordinal);
        return at >= 0 ? at : -1;
    }

    /// <summary>Ord → whether its value is one of <paramref name="values"/>; null when none of them occurs in the segment.</summary>
    public bool[]? Allowed(IEnumerable<string> values)
    {
        var allowed = new bool[Values.Length];
        bool any = false;
        foreach (var value in values)
        {
            int ord = Lookup(value);
            if (ord >= 0)
            {
                allowed[ord] = any = true;
            }
        }
        return any ? allowed : null;
    }

    /// <summary>Whether document <paramref name="doc"/> has any ord marked in <paramref name="allowed"/>.</summary>
    public bool HasAny(int doc, bool[] allowed)
    {
        for (int i = Starts[doc], end = Starts[doc + 1]; i < end; i++)
        {
            if (allowed[Ords[i]])
            {
                return true;
            }
        }
        return false;
    }

    public static FacetOrdinals? Get(AtomicReader reader, string field) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, FacetOrdinals?>(StringComparer.Ordinal))
            .GetOrAdd(field, f => Build(reader, f));

    /// <summary>Builds the arrays of every facet field in the reader's segments.</summary>
    public static void Warm(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
        {
            foreach (var info in leaf.AtomicReader.FieldInfos)
            {
                if (info.DocValuesType == DocValuesType.SORTED_SET && info.Name.StartsWith(FieldNames.FacetPrefix, StringComparison.Ordinal))
                {
                    Get(leaf.AtomicReader, info.Name);
                }
            }
        }
    }

    private static FacetOrdinals? Build(AtomicReader reader, string field)
    {
        var dv = reader.GetSortedSetDocValues(field);
        if (dv is null)
        {
            return null;
        }
        int maxDoc = reader.MaxDoc;
        var starts = new int[maxDoc + 1];
        var ords = new List<int>(maxDoc);
        for (int doc = 0; doc < maxDoc; doc++)
        {
            starts[doc] = ords.Count;
            dv.SetDocument(doc);
            for (long ord = dv.NextOrd(); ord != Lucene.Net.Index.SortedSetDocValues.NO_MORE_ORDS; ord = dv.NextOrd())
            {
                ords.Add((int)ord);
            }
        }
        starts[maxDoc] = ords.Count;
        var values = new string[dv.ValueCount];
        var scratch = new BytesRef();
        for (int ord = 0; ord < values.Length; ord++)
        {
            dv.LookupOrd(ord, scratch);
            values[ord] = scratch.Utf8ToString();
        }
        // Doc values sort terms by UTF-8 bytes; ordinal string order agrees except around surrogates,
        // so keep a lookup that does not depend on it.
        if (!IsOrdinalSorted(values))
        {
            return BuildUnsorted(starts, ords, values);
        }
        return new FacetOrdinals(starts, ords.ToArray(), values);
    }

    private static bool IsOrdinalSorted(string[] values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            if (string.CompareOrdinal(values[i - 1], values[i]) >= 0)
            {
                return false;
            }
        }
        return true;
    }

    private static FacetOrdinals BuildUnsorted(int[] starts, List<int> ords, string[] values)
    {
        // Re-number ords so Values is in ordinal string order and BinarySearch works.
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i], StringComparer.Ordinal).ToArray();
        var remap = new int[values.Length];
        for (int i = 0; i < order.Length; i++)
        {
            remap[order[i]] = i;
        }
        return new FacetOrdinals(starts, ords.Select(o => remap[o]).ToArray(), order.Select(i => values[i]).ToArray());
    }
}
