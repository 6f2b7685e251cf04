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
    private readonly StoredField _titleStored = new(FieldNames.Title, "");
    private readonly AnalyzedText _titleTokens = new();
    private readonly TextField _title;
    // Body is matched and scored through the catch-all field only; it is stored for snippets.
    private readonly StoredField _body = new(FieldNames.Body, "");
    private readonly TextField _allTitle;
    private readonly TextField _allBody = new(FieldNames.All, "", Field.Store.NO);
    private readonly List<AnalyzedText> _skillTokens = [];
    private readonly List<TextField> _skills = [];
    private readonly List<TextField> _allSkills = [];
    private readonly Dictionary<string, (List<StringField> Terms, List<SortedSetDocValuesField> Values)> _facets = new(StringComparer.Ordinal);
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
        _titleStored.SetStringValue(source.Title ?? "");
        _titleTokens.Analyze(_analyzer, FieldNames.Title, source.Title ?? "");
        _body.SetStringValue(source.Body ?? "");
        _allBody.SetStringValue(source.Body ?? "");
        _doc.Add(_id);
        _doc.Add(_titleStored);
        _doc.Add(_title);
        _doc.Add(_body);
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
                _facets[facet] = pool = ([], []);
            }
            var name = FieldNames.Facet(facet);
            int used = 0;
            foreach (var value in values.Where(v => v is not null).Distinct(StringComparer.Ordinal))
            {
                if (used == pool.Terms.Count)
                {
                    pool.Terms.Add(new StringField(name, "", Field.Store.NO));
                    pool.Values.Add(new SortedSetDocValuesField(name, new BytesRef()));
                }
                pool.Terms[used].SetStringValue(value);
                pool.Values[used].SetBytesValue(new BytesRef(value));
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
}
