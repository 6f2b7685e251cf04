using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Matchmaking.Core.Search;

/// <summary>
/// Maps an <see cref="IndexDocument"/> to Lucene fields (names in <see cref="FieldNames"/>). One
/// builder per thread: it reuses its Document and Field instances (and their token streams) from
/// one document to the next, which the IndexWriter allows because it consumes a document before
/// AddDocument returns. Title, skills and body are indexed in the catch-all field only (title and
/// skills are weighted at search time from the hit record, see <see cref="TitleSkillsScorer"/>).
/// </summary>
internal sealed class DocumentBuilder
{
    private readonly Document _doc = new();
    private readonly StringField _id = new(FieldNames.Id, "", Field.Store.NO);
    // Body is matched and scored through the catch-all field only; it is kept for snippets (see FieldNames.Hit).
    private readonly StoredField _body = new(FieldNames.Body, "");
    private readonly BinaryDocValuesField _hit = new(FieldNames.Hit, new BytesRef());
    private readonly BytesRef _hitBytes = new();
    private readonly TextField _allTitle = new(FieldNames.All, "", Field.Store.NO);
    private readonly TextField _allBody = new(FieldNames.All, "", Field.Store.NO);
    private readonly List<TextField> _allSkills = [];
    private readonly List<string> _skillValues = [];
    private readonly Dictionary<string, (List<SortedSetDocValuesField> Values, List<BytesRef> Bytes)> _facets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DoubleDocValuesField> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NumericDocValuesField> _dates = new(StringComparer.Ordinal);

    public Document Build(IndexDocument source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source.Id);
        _doc.Fields.Clear();
        _id.SetStringValue(source.Id);
        _allTitle.SetStringValue(source.Title ?? "");
        _allBody.SetStringValue(source.Body ?? "");
        _skillValues.Clear();
        foreach (var value in source.Skills)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                _skillValues.Add(value);
            }
        }
        // The doc-values writer copies the bytes, so one reused buffer will do.
        bool bodyFits = HitRecord.Write(source.Id, source.Title ?? "", _skillValues, source.Body ?? "", _hitBytes);
        _hit.SetBytesValue(_hitBytes);
        _doc.Add(_id);
        _doc.Add(_hit);
        if (!bodyFits)
        {
            _body.SetStringValue(source.Body!);
            _doc.Add(_body);
        }
        // Title, skills, body: each value is one more field instance, so the analyzer's position gap
        // keeps phrases from spanning two of them.
        _doc.Add(_allTitle);
        for (int skill = 0; skill < _skillValues.Count; skill++)
        {
            if (skill == _allSkills.Count)
            {
                _allSkills.Add(new TextField(FieldNames.All, "", Field.Store.NO));
            }
            _allSkills[skill].SetStringValue(_skillValues[skill]);
            _doc.Add(_allSkills[skill]);
        }
        _doc.Add(_allBody);

        foreach (var (facet, values) in source.Facets)
        {
            if (!_facets.TryGetValue(facet, out var pool))
            {
                _facets[facet] = pool = ([], []);
            }
            var name = FieldNames.Facet(facet);
            int used = 0;
            for (int v = 0; v < values.Count; v++)
            {
                var value = values[v];
                if (value is null || Seen(values, v))
                {
                    continue;
                }
                if (used == pool.Values.Count)
                {
                    pool.Values.Add(new SortedSetDocValuesField(name, new BytesRef()));
                    pool.Bytes.Add(new BytesRef());
                }
                pool.Values[used].SetBytesValue(Utf8(value, pool.Bytes[used]));
                _doc.Add(pool.Values[used]);
                used++;
            }
        }
        foreach (var (name, value) in source.Numbers)
        {
            if (!_numbers.TryGetValue(name, out var field))
            {
                _numbers[name] = field = new DoubleDocValuesField(FieldNames.Number(name), 0);
            }
            field.SetDoubleValue(value);
            _doc.Add(field);
        }
        foreach (var (name, value) in source.Dates)
        {
            if (!_dates.TryGetValue(name, out var field))
            {
                _dates[name] = field = new NumericDocValuesField(FieldNames.Date(name), 0);
            }
            field.SetInt64Value(SearchIndex.Ticks(value));
            _doc.Add(field);
        }
        return _doc;
    }

    /// <summary>Encodes <paramref name="text"/> into <paramref name="into"/>'s buffer (grown as needed) and returns it.</summary>
    private static BytesRef Utf8(string text, BytesRef into)
    {
        int max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        if (into.Bytes.Length < max)
        {
            into.Bytes = new byte[Math.Max(max, into.Bytes.Length * 2)];
        }
        into.Offset = 0;
        into.Length = System.Text.Encoding.UTF8.GetBytes(text, 0, text.Length, into.Bytes, 0);
        return into;
    }

    /// <summary>Whether values[at] already occurred before (facet values are few, so a scan beats a set).</summary>
    private static bool Seen(IReadOnlyList<string> values, int at)
    {
        for (int i = 0; i < at; i++)
        {
            if (string.Equals(values[i], values[at], StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
