using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Matchmaking.Core.Search;

/// <summary>
/// Maps an <see cref="IndexDocument"/> to Lucene fields (names in <see cref="FieldNames"/>). One
/// builder per thread: it reuses its Document and Field instances (and their token streams) from
/// one document to the next, which the IndexWriter allows because it consumes a document before
/// AddDocument returns. Title and skills are analysed once and the tokens replayed into both their
/// own field and the catch-all field.
/// </summary>
internal sealed class DocumentBuilder
{
    private readonly Analyzer _analyzer;
    private readonly Document _doc = new();
    private readonly StringField _id = new(FieldNames.Id, "", Field.Store.YES);
    private readonly AnalyzedText _titleTokens = new();
    private readonly TextField _title;
    // Body is matched and scored through the catch-all field only; it is kept for snippets (see FieldNames.HitBody).
    private readonly StoredField _body = new(FieldNames.Body, "");
    private readonly BinaryDocValuesField _hitId = new(FieldNames.HitId, new BytesRef());
    private readonly BinaryDocValuesField _hitTitle = new(FieldNames.HitTitle, new BytesRef());
    private readonly BinaryDocValuesField _hitBody = new(FieldNames.HitBody, new BytesRef());
    private readonly BytesRef _hitIdBytes = new(), _hitTitleBytes = new(), _hitBodyBytes = new();
    private readonly BytesRef _longBody = new(LongBodyMarker);
    private readonly TextField _allTitle;
    private readonly TextField _allBody = new(FieldNames.All, "", Field.Store.NO);
    private readonly List<AnalyzedText> _skillTokens = [];
    private readonly List<TextField> _skills = [];
    private readonly List<TextField> _allSkills = [];
    private readonly Dictionary<string, (List<StringField> Terms, List<SortedSetDocValuesField> Values, List<BytesRef> Bytes)> _facets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DoubleDocValuesField> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NumericDocValuesField> _dates = new(StringComparer.Ordinal);

    public DocumentBuilder(Analyzer analyzer)
    {
        _analyzer = analyzer;
        _title = new TextField(FieldNames.Title, new ReplayTokenStream(_titleTokens));
        _allTitle = new TextField(FieldNames.All, new ReplayTokenStream(_titleTokens));
    }

    public Document Build(IndexDocument source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source.Id);
        _doc.Fields.Clear();
        _id.SetStringValue(source.Id);
        _titleTokens.Analyze(_analyzer, FieldNames.Title, source.Title ?? "");
        _allBody.SetStringValue(source.Body ?? "");
        // The doc-values writers copy the bytes, so one reused buffer per field will do.
        _hitId.SetBytesValue(Utf8(source.Id, _hitIdBytes));
        _hitTitle.SetBytesValue(Utf8(Truncate(source.Title ?? ""), _hitTitleBytes));
        var body = Utf8(source.Body ?? "", _hitBodyBytes);
        bool bodyFits = body.Length <= MaxDocValueBytes;
        _hitBody.SetBytesValue(bodyFits ? body : _longBody);
        _doc.Add(_id);
        _doc.Add(_hitId);
        _doc.Add(_hitTitle);
        _doc.Add(_hitBody);
        _doc.Add(_title);
        if (!bodyFits)
        {
            _body.SetStringValue(source.Body!);
            _doc.Add(_body);
        }
        _doc.Add(_allTitle);
        _doc.Add(_allBody);

        int skill = 0;
        foreach (var value in source.Skills)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            if (skill == _skills.Count)
            {
                var tokens = new AnalyzedText();
                _skillTokens.Add(tokens);
                _skills.Add(new TextField(FieldNames.Skills, new ReplayTokenStream(tokens)));
                _allSkills.Add(new TextField(FieldNames.All, new ReplayTokenStream(tokens)));
            }
            _skillTokens[skill].Analyze(_analyzer, FieldNames.Skills, value);
            _doc.Add(_skills[skill]);
            _doc.Add(_allSkills[skill++]);
        }

        foreach (var (facet, values) in source.Facets)
        {
            if (!_facets.TryGetValue(facet, out var pool))
            {
                _facets[facet] = pool = ([], [], []);
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
                if (used == pool.Terms.Count)
                {
                    pool.Terms.Add(new StringField(name, "", Field.Store.NO));
                    pool.Values.Add(new SortedSetDocValuesField(name, new BytesRef()));
                    pool.Bytes.Add(new BytesRef());
                }
                pool.Terms[used].SetStringValue(value);
                pool.Values[used].SetBytesValue(Utf8(value, pool.Bytes[used]));
                _doc.Add(pool.Terms[used]);
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

    /// <summary>The hit-body doc value of a body kept as a stored field instead (0xFF never occurs in UTF-8).</summary>
    internal static readonly byte[] LongBodyMarker = [0xFF];

    /// <summary>The largest binary doc value Lucene 4.8 accepts.</summary>
    internal const int MaxDocValueBytes = 32766;

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

    /// <summary>A title longer than a doc value holds is shown cut (titles are short; this only guards the limit).</summary>
    private static string Truncate(string text)
    {
        int max = MaxDocValueBytes / 3;
        return text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
    }
}
