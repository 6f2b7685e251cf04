using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Matchmaking.Core.Search;

/// <summary>Maps an <see cref="IndexDocument"/> to Lucene fields (names in <see cref="FieldNames"/>).</summary>
internal static class DocumentBuilder
{
    public static Document Build(IndexDocument source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source.Id);
        var doc = new Document
        {
            new StringField(FieldNames.Id, source.Id, Field.Store.YES),
            new TextField(FieldNames.Title, source.Title ?? "", Field.Store.YES),
            new TextField(FieldNames.Body, source.Body ?? "", Field.Store.YES),
        };
        foreach (var skill in source.Skills)
        {
            if (!string.IsNullOrWhiteSpace(skill))
            {
                doc.Add(new TextField(FieldNames.Skills, skill, Field.Store.NO));
            }
        }
        foreach (var (facet, values) in source.Facets)
        {
            var name = FieldNames.Facet(facet);
            foreach (var value in values.Where(v => v is not null).Distinct(StringComparer.Ordinal))
            {
                doc.Add(new StringField(name, value, Field.Store.NO));
                doc.Add(new SortedSetDocValuesField(name, new BytesRef(value)));
            }
        }
        foreach (var (name, value) in source.Numbers)
        {
            doc.Add(new DoubleDocValuesField(FieldNames.Number(name), value));
        }
        foreach (var (name, value) in source.Dates)
        {
            doc.Add(new NumericDocValuesField(FieldNames.Date(name), SearchIndex.Ticks(value)));
        }
        return doc;
    }
}
