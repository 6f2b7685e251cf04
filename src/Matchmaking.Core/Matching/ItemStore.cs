using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Matchmaking.Core.Search;

namespace Matchmaking.Core.Matching;

/// <summary>The features of one indexed profile or demand that the scorer needs, computed once at indexing.</summary>
internal sealed class MatchItem
{
    public required string Id { get; init; }
    public required object Source { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required IReadOnlyList<string> Skills { get; init; }
    /// <summary>Canonical skill keys (one per synonym group).</summary>
    public required HashSet<string> SkillKeys { get; init; }
    /// <summary>Normalised title + body, for finding skills mentioned in the text.</summary>
    public required string NormText { get; init; }
    public required IReadOnlyList<string> Fields { get; init; }
    public string? OrgType { get; init; }
    public IReadOnlyList<string> Eligible { get; init; } = [];
    public string? Region { get; init; }
    public IReadOnlyList<Achievement> Achievements { get; init; } = [];
    public string[] NormAchievementTitles { get; init; } = [];
    public required Dictionary<string, int>[] Terms { get; init; }
    public required int[] Lengths { get; init; }
}

/// <summary>
/// A <see cref="SearchIndex"/> for candidate retrieval plus the in-memory features and collection
/// statistics (term and skill document frequencies, average field lengths) the scorer uses.
/// </summary>
internal sealed class ItemStore : IDisposable
{
    public const int TitleField = 0, BodyField = 1, SkillsField = 2;
    public static readonly string[] LuceneFields = [FieldNames.Title, FieldNames.Body, FieldNames.Skills];
    private const string IdField = FieldNames.Id;

    private readonly SearchIndex _search;
    private readonly Dictionary<string, MatchItem> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _termDf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _skillDf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Key, int Holders)> _surfaceForms = new(StringComparer.Ordinal);
    private readonly long[] _lengthSums = new long[3];
    private Dictionary<char, List<string>>? _vocabulary;

    private readonly IDisposable? _owned;

    public ItemStore(SearchIndex search, SynonymSet synonyms, IDisposable? owned = null)
    {
        _search = search;
        _owned = owned;
        Synonyms = synonyms;
        Analyzer = new MatchmakingAnalyzer(outputUnigrams: true);
        // The features live in memory, so the index starts empty and is filled by Upsert.
        _search.Rebuild([], 0);
    }

    public static ItemStore Open(Lucene.Net.Store.Directory directory, SynonymSet? synonyms, IDisposable? owned)
    {
        synonyms ??= SynonymSet.Empty;
        var search = new SearchIndex(directory, synonyms, new SearchIndexOptions { IndexUnigrams = true, RebuildThreads = 1 });
        return new ItemStore(search, synonyms, owned);
    }

    public SynonymSet Synonyms { get; }
    public MatchmakingAnalyzer Analyzer { get; }
    public ReaderWriterLockSlim Lock { get; } = new(LockRecursionPolicy.NoRecursion);

    public int Count => _items.Count;

    /// <summary>Text → discipline codes, trained on the items that declare codes.</summary>
    public DisciplineModel Disciplines { get; } = new();

    public bool TryGet(string id, out MatchItem item) => _items.TryGetValue(id, out item!);

    public MatchItem Create(string id, object source, string title, string body, IReadOnlyList<string> skills, IReadOnlyList<string> fields,
        string? orgType, IReadOnlyList<string> eligible, string? region, IReadOnlyList<Achievement> achievements)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        skills = skills.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        var terms = new Dictionary<string, int>[3];
        var lengths = new int[3];
        terms[TitleField] = Text.Terms(Analyzer, title, out lengths[TitleField]);
        terms[BodyField] = Text.Terms(Analyzer, body, out lengths[BodyField]);
        terms[SkillsField] = Text.Terms(Analyzer, string.Join("；", skills), out lengths[SkillsField]);
        return new MatchItem
        {
            Id = id,
            Source = source,
            Title = title ?? "",
            Body = body ?? "",
            Skills = skills,
            SkillKeys = skills.Select(s => Text.Canonical(s, Synonyms)).Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal),
            NormText = Text.Normalize(title + "\n" + body),
            Fields = fields.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).Distinct(StringComparer.Ordinal).ToArray(),
            OrgType = string.IsNullOrWhiteSpace(orgType) ? null : orgType.Trim(),
            Eligible = eligible.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct(StringComparer.Ordinal).ToArray(),
            Region = string.IsNullOrWhiteSpace(region) ? null : region.Trim(),
            Achievements = achievements,
            NormAchievementTitles = achievements.Select(a => Text.Normalize(a.Title)).ToArray(),
            Terms = terms,
            Lengths = lengths,
        };
    }

    public static MatchItem FromCapability(ItemStore store, CapabilityDoc p) =>
        store.Create(p.Id, p, p.Name, p.Summary, p.Skills, p.FieldCodes, p.OrgType, [], p.RegionCode, p.Achievements);

    public static MatchItem FromDemand(ItemStore store, DemandDoc d) =>
        store.Create(d.Id, d, d.Title, d.Description, d.Skills, d.FieldCodes, null, d.EligibleOrgTypes, d.RegionCode, []);

    public void Upsert(IReadOnlyList<MatchItem> items)
    {
        Lock.EnterWriteLock();
        try
        {
            foreach (var item in items)
            {
                if (_items.TryGetValue(item.Id, out var old))
                {
                    Tally(old, -1);
                }
                _items[item.Id] = item;
                Tally(item, +1);
            }
            _vocabulary = null;
            _vectors.Clear();
            _disciplines.Clear();
            _search.Upsert(items.Select(ToIndexDocument));
        }
        finally
        {
            Lock.ExitWriteLock();
        }
    }

    public bool Delete(string id)
    {
        Lock.EnterWriteLock();
        try
        {
            if (!_items.Remove(id, out var old))
            {
                return false;
            }
            Tally(old, -1);
            _vocabulary = null;
            _vectors.Clear();
            _disciplines.Clear();
            _search.Delete(id);
            return true;
        }
        finally
        {
            Lock.ExitWriteLock();
        }
    }

    private void Tally(MatchItem item, int delta)
    {
        foreach (var term in item.Terms.SelectMany(t => t.Keys).Distinct(StringComparer.Ordinal))
        {
            Add(_termDf, term, delta);
        }
        foreach (var key in item.SkillKeys)
        {
            Add(_skillDf, key, delta);
        }
        foreach (var skill in item.Skills)
        {
            foreach (var form in Text.Forms(skill, Synonyms))
            {
                var key = Text.Canonical(skill, Synonyms);
                int holders = (_surfaceForms.TryGetValue(form, out var entry) ? entry.Holders : 0) + delta;
                if (holders <= 0)
                {
                    _surfaceForms.Remove(form);
                }
                else
                {
                    _surfaceForms[form] = (key, holders);
                }
            }
        }
        for (int f = 0; f < 3; f++)
        {
            _lengthSums[f] += delta * item.Lengths[f];
        }
        Disciplines.Tally(item, delta);
    }

    private static void Add(Dictionary<string, int> counts, string key, int delta)
    {
        int n = (counts.TryGetValue(key, out var c) ? c : 0) + delta;
        if (n <= 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = n;
        }
    }

    private static IndexDocument ToIndexDocument(MatchItem item) => new()
    {
        Id = item.Id,
        Title = item.Title,
        Body = item.Body,
        Skills = item.Skills,
        Facets = new Dictionary<string, IReadOnlyList<string>>
        {
            ["field"] = item.Fields,
            ["field1"] = item.Fields.Select(Text.FirstLevel).Distinct(StringComparer.Ordinal).ToArray(),
            ["orgType"] = item.OrgType is null ? [] : [item.OrgType],
            // "*" marks a demand open to every organisation type.
            ["eligible"] = item.Eligible.Count == 0 ? ["*"] : item.Eligible,
        },
    };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<MatchItem, Dictionary<string, double>> _vectors = new();

    /// <summary>L2-normalised tf-idf vector of an item's words and bigrams (all fields), cached until the next write.</summary>
    public Dictionary<string, double> Vector(MatchItem item) => _vectors.GetOrAdd(item, i =>
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        int n = Math.Max(1, _items.Count);
        foreach (var terms in i.Terms)
        {
            foreach (var (term, tf) in terms)
            {
                if (!Text.IsCjkUnigram(term))
                {
                    vector[term] = vector.GetValueOrDefault(term) + tf;
                }
            }
        }
        double norm = 0;
        foreach (var term in vector.Keys.ToArray())
        {
            double weight = (1 + Math.Log(vector[term])) * Math.Log(1 + n / (double)Math.Max(1, TermDf(term)));
            vector[term] = weight;
            norm += weight * weight;
        }
        norm = Math.Sqrt(norm);
        if (norm > 0)
        {
            foreach (var term in vector.Keys.ToArray())
            {
                vector[term] /= norm;
            }
        }
        return vector;
    });

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(MatchItem, double), Dictionary<string, double>> _disciplines = new();

    /// <summary>
    /// An item's discipline distribution: its declared codes (equal shares) or, without codes, the model's
    /// prediction from its text (cached until the next write).
    /// </summary>
    public Dictionary<string, double> DisciplinesOf(MatchItem item, double temperature)
    {
        if (item.Fields.Count > 0)
        {
            return item.Fields.ToDictionary(f => f, _ => 1.0 / item.Fields.Count, StringComparer.Ordinal);
        }
        return _disciplines.GetOrAdd((item, temperature), k => Disciplines.Predict(
            DisciplineModel.Features(k.Item1).Select(t => new KeyValuePair<string, double>(t.Key, t.Value)), [], k.Item2));
    }

    public static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        if (a.Count > b.Count)
        {
            (a, b) = (b, a);
        }
        double dot = 0;
        foreach (var (term, weight) in a)
        {
            if (b.TryGetValue(term, out var other))
            {
                dot += weight * other;
            }
        }
        return dot;
    }

    public int TermDf(string term) => _termDf.TryGetValue(term, out var n) ? n : 0;

    public int SkillDf(string key) => _skillDf.TryGetValue(key, out var n) ? n : 0;

    public double AverageLength(int field) => _items.Count == 0 ? 1 : Math.Max(1, _lengthSums[field] / (double)_items.Count);

    /// <summary>
    /// Skills from the indexed vocabulary (at least <paramref name="minLength"/> characters) that occur in
    /// <paramref name="normText"/>, as canonical keys; a form held only by excluded items is ignored.
    /// </summary>
    public IReadOnlyCollection<string> RecogniseSkills(string normText, int minLength, IReadOnlyCollection<MatchItem> excluded)
    {
        var vocabulary = _vocabulary ??= BuildVocabulary();
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < normText.Length; i++)
        {
            if (!vocabulary.TryGetValue(normText[i], out var forms))
            {
                continue;
            }
            foreach (var form in forms)
            {
                if (form.Length < minLength || string.CompareOrdinal(normText, i, form, 0, form.Length) != 0)
                {
                    continue;
                }
                var (key, holders) = _surfaceForms[form];
                int excludedHolders = excluded.Count(e => e.Skills.Any(s => Text.Forms(s, Synonyms).Contains(form)));
                if (holders - excludedHolders > 0)
                {
                    found.Add(key);
                }
            }
        }
        return found;
    }

    private Dictionary<char, List<string>> BuildVocabulary()
    {
        var vocabulary = new Dictionary<char, List<string>>();
        foreach (var form in _surfaceForms.Keys)
        {
            if (!vocabulary.TryGetValue(form[0], out var list))
            {
                vocabulary[form[0]] = list = [];
            }
            list.Add(form);
        }
        return vocabulary;
    }

    /// <summary>
    /// Top <paramref name="n"/> candidate ids for a weighted bag of analysed terms (searched in each text
    /// field with its boost) and discipline codes, never returning an excluded id, restricted by
    /// <paramref name="filter"/>.
    /// </summary>
    public IReadOnlyList<string> Candidates(IReadOnlyDictionary<string, double> terms, double[] fieldBoosts,
        IReadOnlyList<string> fields, Filter? filter, IReadOnlyCollection<string> excludeIds, int n,
        IReadOnlyDictionary<string, double>? inferredFields = null)
    {
        var query = new BooleanQuery();
        for (int f = 0; f < LuceneFields.Length; f++)
        {
            if (fieldBoosts[f] <= 0 || terms.Count == 0)
            {
                continue;
            }
            var perField = new BooleanQuery { Boost = (float)fieldBoosts[f] };
            foreach (var (term, weight) in terms.OrderByDescending(t => t.Value).Take(BooleanQuery.MaxClauseCount))
            {
                perField.Add(new TermQuery(new Term(LuceneFields[f], term)) { Boost = (float)weight }, Occur.SHOULD);
            }
            query.Add(perField, Occur.SHOULD);
        }
        foreach (var code in fields.Distinct(StringComparer.Ordinal).Take(100))
        {
            query.Add(new TermQuery(new Term(FieldNames.Facet("field"), code)), Occur.SHOULD);
            query.Add(new TermQuery(new Term(FieldNames.Facet("field1"), Text.FirstLevel(code))) { Boost = 0.5f }, Occur.SHOULD);
        }
        foreach (var (code, boost) in inferredFields ?? new Dictionary<string, double>())
        {
            query.Add(new TermQuery(new Term(FieldNames.Facet("field"), code)) { Boost = (float)boost }, Occur.SHOULD);
        }
        if (query.Clauses.Count == 0)
        {
            return [];
        }
        foreach (var id in excludeIds)
        {
            query.Add(new TermQuery(new Term(IdField, id)), Occur.MUST_NOT);
        }
        return _search.WithSearcherForProfiling(searcher =>
        {
            var top = searcher.Search(query, filter, Math.Max(1, n));
            var ids = new List<string>(top.ScoreDocs.Length);
            var leaves = searcher.IndexReader.Leaves;
            var bytes = new BytesRef();
            foreach (var hit in top.ScoreDocs)
            {
                // The id terms through the field cache: loading stored documents (with their long bodies) cost more than the search.
                var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                FieldCache.DEFAULT.GetTerms(leaf.AtomicReader, IdField, false).Get(hit.Doc - leaf.DocBase, bytes);
                if (bytes.Length > 0)
                {
                    ids.Add(bytes.Utf8ToString());
                }
            }
            return ids;
        });
    }

    /// <summary>Only documents whose facet holds one of <paramref name="values"/>.</summary>
    public static Filter FacetFilter(string facet, IEnumerable<string> values) =>
        new TermsFilter(FieldNames.Facet(facet), values.Distinct(StringComparer.Ordinal).Select(v => new BytesRef(v)).ToArray());

    public void Dispose()
    {
        _search.Dispose();
        _owned?.Dispose();
        Analyzer.Dispose();
        Lock.Dispose();
    }
}
