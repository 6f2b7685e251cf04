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
    /// <summary>
    /// The analysed terms per field (title, body, skills) with their frequencies, until the item is indexed: the
    /// store then keeps them only as <see cref="TermIds"/> and <see cref="FieldTf"/> (read them through
    /// <see cref="ItemStore.FieldCounts"/>), which saves most of an item's memory. A query item keeps them.
    /// </summary>
    public Dictionary<string, int>[]? Terms { get; set; }
    public required int[] Lengths { get; init; }

    // The terms as store-wide ids with per-field frequencies (3 per term, capped at 255), set when the item is
    // indexed: BM25 over a candidate walks two arrays.
    public int[] TermIds { get; set; } = [];

    /// <summary>The declared codes as a distribution (equal shares); empty without codes.</summary>
    // Built with the item, not on first use: a young dictionary hung on an indexed (old) item costs every later collection.
    public required Dictionary<string, double> DeclaredDisciplines { get; init; }
    public byte[] FieldTf { get; set; } = [];
    /// <summary>The item's slot in the store's postings (set when indexed).</summary>
    public int Slot { get; set; } = -1;
}

/// <summary>
/// The indexed items with the in-memory features and collection statistics (term and skill document
/// frequencies, average field lengths) the scorer uses, and an in-memory inverted index (words and
/// bigrams → item slots with their per-field term frequencies) from which candidates are fetched by
/// exact field-weighted BM25 over the query's most discriminative terms.
/// </summary>
internal sealed class ItemStore : IDisposable
{
    public const int TitleField = 0, BodyField = 1, SkillsField = 2;
    private const string CodePrefix = "\u0001f:", FirstLevelPrefix = "\u0001f1:";

    private readonly Dictionary<string, MatchItem> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _termDf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _skillDf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Key, int Holders)> _surfaceForms = new(StringComparer.Ordinal);
    private readonly long[] _lengthSums = new long[3];
    private Dictionary<char, List<string>>? _vocabulary;

    // The inverted index: append-only postings; a replaced or deleted item leaves a dead slot (null),
    // skipped at search time and dropped when dead slots outnumber live ones.
    private readonly Dictionary<string, Postings> _postings = new(StringComparer.Ordinal);
    private readonly List<MatchItem?> _slots = [];
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<string> _termNames = [];
    // Field lengths per slot (3 each; -1 marks a dead slot): the candidate loop reads these instead of
    // dereferencing every posting's item, which at 100k items is a cache miss per posting.
    private readonly List<int> _slotLengths = [];
    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private int _deadSlots;

    public ItemStore(SynonymSet synonyms)
    {
        Synonyms = synonyms;
        Analyzer = new MatchmakingAnalyzer(outputUnigrams: true);
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
        var codes = fields.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        return new MatchItem
        {
            Id = id,
            Source = source,
            Title = title ?? "",
            Body = body ?? "",
            Skills = skills,
            SkillKeys = skills.Select(s => Text.Canonical(s, Synonyms)).Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal),
            NormText = Text.Normalize(title + "\n" + body),
            Fields = codes,
            DeclaredDisciplines = codes.ToDictionary(f => f, _ => 1.0 / codes.Length, StringComparer.Ordinal),
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
                // Indexing turns the item's terms into ids first, so adding and later removing it count the same (capped) frequencies.
                AddPostings(item);
                Tally(item, +1);
            }
            _vocabulary = null;
            _disciplines.Clear();
            _idfById = [];
            _normBySlot = [];
            CompactIfNeeded();
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
            _disciplines.Clear();
            _idfById = [];
            _normBySlot = [];
            RemoveSlot(id);
            CompactIfNeeded();
            return true;
        }
        finally
        {
            Lock.ExitWriteLock();
        }
    }

    private void Tally(MatchItem item, int delta)
    {
        foreach (var (term, _, _, _) in FieldCounts(item))
        {
            AddCount(_termDf, term, delta);
        }
        foreach (var key in item.SkillKeys)
        {
            AddCount(_skillDf, key, delta);
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
        Disciplines.Tally(item, Features(item), delta);
    }

    /// <summary>
    /// Each distinct term of an item with its frequency in title, body and skills (each capped at 255): from the
    /// term-id arrays once indexed, from the analysed dictionaries before (in the same order).
    /// </summary>
    public IEnumerable<(string Term, int Title, int Body, int Skills)> FieldCounts(MatchItem item)
    {
        if (item.Terms is { } terms)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in terms)
            {
                foreach (var term in field.Keys)
                {
                    if (seen.Add(term))
                    {
                        yield return (term, Math.Min(255, terms[TitleField].GetValueOrDefault(term)),
                            Math.Min(255, terms[BodyField].GetValueOrDefault(term)), Math.Min(255, terms[SkillsField].GetValueOrDefault(term)));
                    }
                }
            }
            yield break;
        }
        for (int k = 0; k < item.TermIds.Length; k++)
        {
            yield return (_termNames[item.TermIds[k]], item.FieldTf[3 * k], item.FieldTf[3 * k + 1], item.FieldTf[3 * k + 2]);
        }
    }

    /// <summary>Whether an item holds a term in any field.</summary>
    public bool Holds(MatchItem item, string term) => item.Terms is { } terms
        ? terms.Any(t => t.ContainsKey(term))
        : _termIds.TryGetValue(term, out var id) && Array.IndexOf(item.TermIds, id) >= 0;

    /// <summary>The discipline model's features of an item: its words and bigrams with their frequency over all fields.</summary>
    public Dictionary<string, int> Features(MatchItem item) =>
        DisciplineModel.Features(FieldCounts(item).Select(c => (c.Term, c.Title + c.Body + c.Skills)));

    /// <summary>The discipline distribution of weighted terms, with the <paramref name="excluded"/> items' own counts left out.</summary>
    public Dictionary<string, double> PredictDisciplines(IEnumerable<KeyValuePair<string, double>> terms, IReadOnlyCollection<MatchItem> excluded, double temperature) =>
        Disciplines.Predict(terms, excluded.Where(e => e.Fields.Count > 0).Select(e => (e.Fields, Features(e))).ToArray(), temperature);

    /// <summary>Adds <paramref name="delta"/> to a count, dropping the key when it reaches zero.</summary>
    internal static void AddCount<TKey>(Dictionary<TKey, int> counts, TKey key, int delta) where TKey : notnull
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

    /// <summary>
    /// Cosine of each item's L2-normalised tf-idf vector (words and bigrams of all fields, tf summed, weight
    /// (1 + ln tf) · ln(1 + N / df)) with the vote-weighted sum of the voters' vectors, divided by the total vote. A word
    /// only one item holds counts in that item's norm but not in the voters' sum: it would lift the voter alone. Works on
    /// the items' term-id arrays with a per-thread dense array for the sum, and an idf-by-id cache and a norm-by-slot
    /// cache shared until the next write, so nothing is allocated per item.
    /// </summary>
    public double[] NeighbourSimilarity(IReadOnlyList<MatchItem> items, IReadOnlyList<(MatchItem Item, double Vote)> voters)
    {
        int size = _termIds.Count;
        // idf by term id, filled as terms are met and dropped at the next write (readers racing to fill a slot write the
        // same value): > 0 a word or bigram, -1 a single CJK character (left out).
        var idf = _idfById;
        if (idf.Length < size)
        {
            _idfById = idf = new double[size + 4096];
        }
        var norms = _normBySlot;
        if (norms.Length < _slots.Count)
        {
            _normBySlot = norms = new double[_slots.Count + 1024];
        }
        var (centroid, mask) = QueryBuffers();
        int n = Math.Max(1, _items.Count);
        double unique = Math.Log(1 + n) - 1e-9; // the idf of a word at most one item holds
        double Idf(int id)
        {
            double v = idf[id];
            if (v == 0)
            {
                var term = _termNames[id];
                v = idf[id] = Text.IsCjkUnigram(term) ? -1 : Math.Log(1 + n / (double)Math.Max(1, TermDf(term)));
            }
            return v;
        }
        static double LogTf(MatchItem item, int k) => LogTfTable[item.FieldTf[3 * k] + item.FieldTf[3 * k + 1] + item.FieldTf[3 * k + 2]];
        double Norm(MatchItem item)
        {
            if (item.Slot >= 0 && norms[item.Slot] is > 0 and var cached)
            {
                return cached;
            }
            double norm = 0;
            for (int k = 0; k < item.TermIds.Length; k++)
            {
                double v = Idf(item.TermIds[k]);
                if (v > 0)
                {
                    double w = LogTf(item, k) * v;
                    norm += w * w;
                }
            }
            norm = Math.Sqrt(norm);
            if (item.Slot >= 0)
            {
                norms[item.Slot] = norm;
            }
            return norm;
        }
        var touched = t_touchedTerms ??= [];
        touched.Clear();
        double totalVote = 0;
        foreach (var (voter, vote) in voters)
        {
            double norm = Norm(voter);
            totalVote += vote;
            if (norm <= 0)
            {
                continue;
            }
            for (int k = 0; k < voter.TermIds.Length; k++)
            {
                int id = voter.TermIds[k];
                double v = idf[id];
                if (v > 0 && v < unique)
                {
                    if (centroid[id] == 0)
                    {
                        touched.Add(id);
                        mask[id >> 6] |= 1UL << id;
                    }
                    centroid[id] += vote * LogTf(voter, k) * v / norm;
                }
            }
        }
        var result = new double[items.Count];
        if (totalVote > 0)
        {
            for (int i = 0; i < items.Count; i++)
            {
                var item = items[i];
                double norm = Norm(item), dot = 0;
                if (norm <= 0)
                {
                    continue;
                }
                for (int k = 0; k < item.TermIds.Length; k++)
                {
                    int id = item.TermIds[k];
                    if ((mask[id >> 6] & (1UL << id)) != 0)
                    {
                        dot += centroid[id] * LogTf(item, k) * idf[id];
                    }
                }
                result[i] = dot / norm / totalVote;
            }
        }
        foreach (var id in touched)
        {
            centroid[id] = 0;
            mask[id >> 6] = 0;
        }
        return result;
    }

    private double[] _idfById = [];
    // Each item's vector norm by slot, filled as met and dropped at the next write like _idfById (0 = not yet computed).
    private double[] _normBySlot = [];

    /// <summary>1 + ln tf for a term's summed field counts (each at most 255).</summary>
    private static readonly double[] LogTfTable = Enumerable.Range(0, 3 * 255 + 1).Select(tf => tf == 0 ? 0 : 1 + Math.Log(tf)).ToArray();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(MatchItem, double), Dictionary<string, double>> _disciplines = new();

    /// <summary>
    /// An item's discipline distribution: its declared codes (equal shares) or, without codes, the model's
    /// prediction from its text (cached until the next write).
    /// </summary>
    public Dictionary<string, double> DisciplinesOf(MatchItem item, double temperature)
    {
        if (item.Fields.Count > 0)
        {
            return item.DeclaredDisciplines;
        }
        return _disciplines.GetOrAdd((item, temperature), k => Disciplines.Predict(
            Features(k.Item1).Select(t => new KeyValuePair<string, double>(t.Key, t.Value)), [], k.Item2));
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

    private sealed class Postings
    {
        public int[] Slots = new int[2];
        // Per-field term frequencies, capped at 255.
        public byte[] Tf = new byte[6];
        public int Count;

        public void Add(int slot, int title, int body, int skills)
        {
            if (Count == Slots.Length)
            {
                Array.Resize(ref Slots, Count * 2);
                Array.Resize(ref Tf, Count * 6);
            }
            Slots[Count] = slot;
            Tf[3 * Count] = (byte)Math.Min(255, title);
            Tf[3 * Count + 1] = (byte)Math.Min(255, body);
            Tf[3 * Count + 2] = (byte)Math.Min(255, skills);
            Count++;
        }
    }

    private void AddPostings(MatchItem item)
    {
        RemoveSlot(item.Id);
        int slot = _slots.Count;
        _slots.Add(item);
        _slotOf[item.Id] = slot;
        item.Slot = slot;
        _slotLengths.AddRange(item.Lengths);
        if (item.Terms is not null)
        {
            var ids = new List<int>();
            var tfs = new List<byte>();
            foreach (var (term, title, body, skills) in FieldCounts(item))
            {
                if (!_termIds.TryGetValue(term, out var id))
                {
                    _termIds[term] = id = _termIds.Count;
                    _termNames.Add(term);
                }
                ids.Add(id);
                tfs.Add((byte)title);
                tfs.Add((byte)body);
                tfs.Add((byte)skills);
            }
            item.TermIds = ids.ToArray();
            item.FieldTf = tfs.ToArray();
            item.Terms = null;
        }
        for (int k = 0; k < item.TermIds.Length; k++)
        {
            // Single CJK characters are too common to select candidates by; the scorer still counts them.
            var term = _termNames[item.TermIds[k]];
            if (!Text.IsCjkUnigram(term))
            {
                Posting(term).Add(slot, item.FieldTf[3 * k], item.FieldTf[3 * k + 1], item.FieldTf[3 * k + 2]);
            }
        }
        foreach (var code in item.Fields)
        {
            Posting(CodePrefix + code).Add(slot, 1, 0, 0);
        }
        foreach (var level in item.Fields.Select(Text.FirstLevel).Distinct(StringComparer.Ordinal))
        {
            Posting(FirstLevelPrefix + level).Add(slot, 1, 0, 0);
        }
    }

    private Postings Posting(string term)
    {
        if (!_postings.TryGetValue(term, out var postings))
        {
            _postings[term] = postings = new Postings();
        }
        return postings;
    }

    private void RemoveSlot(string id)
    {
        if (_slotOf.Remove(id, out var slot))
        {
            _slots[slot] = null;
            _slotLengths[3 * slot] = -1;
            _deadSlots++;
        }
    }

    private void CompactIfNeeded()
    {
        if (_deadSlots <= 1000 || _deadSlots <= _slots.Count / 2)
        {
            return;
        }
        var live = _slots.OfType<MatchItem>().ToList();
        _postings.Clear();
        _slots.Clear();
        _slotLengths.Clear();
        _slotOf.Clear();
        _deadSlots = 0;
        foreach (var item in live)
        {
            AddPostings(item);
        }
    }

    /// <summary>
    /// Top <paramref name="n"/> candidates for a weighted bag of analysed terms: field-weighted BM25
    /// (the scorer's formula, with <paramref name="idf"/>) over the <paramref name="maxTerms"/> words and
    /// bigrams with the largest weight × idf, plus a bonus (a share of the best text score) for holding
    /// one of <paramref name="codeBoosts"/>' discipline codes (keys "CODE", or "CODE*" for a first level).
    /// Only items passing <paramref name="isEligible"/>, never an excluded id. Returns each candidate with its
    /// text score (without the code bonus), best first.
    /// </summary>
    public List<(MatchItem Item, double Score)> Candidates(IReadOnlyDictionary<string, double> terms, double[] fieldBoosts, Func<string, double> idf,
        IReadOnlyDictionary<string, double> codeBoosts, Func<MatchItem, bool> isEligible, IReadOnlyCollection<string> excludeIds, int n, int maxTerms)
    {
        var chosen = Text.Top(terms.Where(t => t.Value > 0 && !Text.IsCjkUnigram(t.Key) && _postings.ContainsKey(t.Key))
            .Select(t => new KeyValuePair<string, double>(t.Key, t.Value * idf(t.Key))), Math.Max(1, maxTerms));
        var scores = t_scores is { } buffer && buffer.Length >= _slots.Count ? buffer : t_scores = new double[_slots.Count + 1024];
        var bonus = t_bonus is { } b && b.Length >= _slots.Count ? b : t_bonus = new double[scores.Length];
        var touched = t_touched ??= [];
        touched.Clear();
        var norms = new double[3];
        for (int f = 0; f < 3; f++)
        {
            norms[f] = B / AverageLength(f);
        }
        foreach (var (term, weight) in chosen)
        {
            var postings = _postings[term];
            var lengths = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_slotLengths);
            for (int i = 0; i < postings.Count; i++)
            {
                int slot = postings.Slots[i];
                if (lengths[3 * slot] < 0)
                {
                    continue;
                }
                double score = 0;
                for (int f = 0; f < 3; f++)
                {
                    int tf = postings.Tf[3 * i + f];
                    if (tf > 0 && fieldBoosts[f] > 0)
                    {
                        double norm = K1 * (1 - B + norms[f] * lengths[3 * slot + f]);
                        score += fieldBoosts[f] * tf * (K1 + 1) / (tf + norm);
                    }
                }
                if (scores[slot] == 0)
                {
                    touched.Add(slot);
                }
                // A tiny floor keeps "touched" exact even for a zero contribution.
                scores[slot] += Math.Max(1e-12, weight * score);
            }
        }
        if (codeBoosts.Count > 0)
        {
            double best = 1e-12;
            foreach (var slot in touched)
            {
                best = Math.Max(best, scores[slot]);
            }
            foreach (var (code, boost) in codeBoosts)
            {
                if (boost <= 0 || !_postings.TryGetValue(code.EndsWith('*') ? FirstLevelPrefix + code[..^1] : CodePrefix + code, out var postings))
                {
                    continue;
                }
                for (int i = 0; i < postings.Count; i++)
                {
                    int slot = postings.Slots[i];
                    if (_slots[slot] is not null)
                    {
                        if (scores[slot] == 0 && bonus[slot] == 0)
                        {
                            touched.Add(slot);
                        }
                        bonus[slot] += boost * best;
                    }
                }
            }
        }
        if (_items.Count <= n)
        {
            // A collection this small is scored whole, so a candidate sharing only single characters (or nothing) still gets its components.
            for (int slot = 0; slot < _slots.Count; slot++)
            {
                if (_slots[slot] is not null && scores[slot] == 0 && bonus[slot] == 0)
                {
                    touched.Add(slot);
                }
            }
        }
        var top = new PriorityQueue<MatchItem, (double, string, double)>(Comparer<(double Score, string Id, double Text)>.Create((a, b) =>
            a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(b.Id, a.Id)));
        foreach (var slot in touched)
        {
            double text = scores[slot], score = text + bonus[slot];
            scores[slot] = bonus[slot] = 0;
            if (top.Count == n && top.TryPeek(out _, out var worst) && score < worst.Item1)
            {
                continue;
            }
            var item = _slots[slot]!;
            if (top.Count == n && top.TryPeek(out _, out worst) && score == worst.Item1 && string.CompareOrdinal(item.Id, worst.Item2) > 0)
            {
                continue;
            }
            if (excludeIds.Contains(item.Id) || !isEligible(item))
            {
                continue;
            }
            top.Enqueue(item, (score, item.Id, text));
            if (top.Count > n)
            {
                top.Dequeue();
            }
        }
        var result = new List<(MatchItem, double)>(top.Count);
        while (top.TryDequeue(out var item, out var key))
        {
            result.Add((item, key.Item3));
        }
        result.Reverse();
        return result;
    }

    private const double K1 = 1.2, B = 0.75;

    /// <summary>
    /// Field-weighted BM25 of <paramref name="items"/> for a query given as term → weight × idf: the weights go
    /// into a per-thread array indexed by term id, each item's arrays are walked once, and the array is
    /// cleared again. An item not (or no longer) indexed scores 0.
    /// </summary>
    public double[] Bm25(IReadOnlyDictionary<string, double> weighted, IReadOnlyList<MatchItem> items, double[] fieldBoosts)
    {
        var (dense, mask, set) = QueryBuffers(weighted);
        var scores = new double[items.Count];
        var norms = new double[3];
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            for (int f = 0; f < 3; f++)
            {
                norms[f] = K1 * (1 - B + B * item.Lengths[f] / AverageLength(f));
            }
            var ids = item.TermIds;
            var tfs = item.FieldTf;
            double score = 0;
            for (int k = 0; k < ids.Length; k++)
            {
                int id = ids[k];
                if ((mask[id >> 6] & (1UL << id)) == 0)
                {
                    continue;
                }
                double w = dense[id];
                for (int f = 0; f < 3; f++)
                {
                    int tf = tfs[3 * k + f];
                    if (tf > 0)
                    {
                        score += fieldBoosts[f] * w * tf * (K1 + 1) / (tf + norms[f]);
                    }
                }
            }
            scores[i] = score;
        }
        ClearQuery(dense, mask, set);
        return scores;
    }

    /// <summary>For each item, the query terms (term → weight × idf) it holds, in the item's term order.</summary>
    public List<KeyValuePair<string, double>>[] SharedTerms(IReadOnlyDictionary<string, double> weighted, IReadOnlyList<MatchItem> items)
    {
        var (dense, mask, set) = QueryBuffers(weighted);
        var shared = new List<KeyValuePair<string, double>>[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            shared[i] = [];
            foreach (var id in items[i].TermIds)
            {
                if ((mask[id >> 6] & (1UL << id)) != 0)
                {
                    shared[i].Add(new(_termNames[id], dense[id]));
                }
            }
        }
        ClearQuery(dense, mask, set);
        return shared;
    }

    /// <summary>This thread's query buffers holding <paramref name="weighted"/> (term → weight) by term id; see <see cref="ClearQuery"/>.</summary>
    private (double[] Dense, ulong[] Mask, List<int> Set) QueryBuffers(IReadOnlyDictionary<string, double> weighted)
    {
        var (dense, mask) = QueryBuffers();
        var set = new List<int>(weighted.Count);
        foreach (var (term, w) in weighted)
        {
            if (_termIds.TryGetValue(term, out var id))
            {
                dense[id] = w;
                mask[id >> 6] |= 1UL << id;
                set.Add(id);
            }
        }
        return (dense, mask, set);
    }

    private static void ClearQuery(double[] dense, ulong[] mask, List<int> set)
    {
        foreach (var id in set)
        {
            dense[id] = 0;
            mask[id >> 6] = 0;
        }
    }

    /// <summary>
    /// This thread's dense term-id array and its bit mask of the ids set: items' terms are checked in the mask
    /// (small enough to stay in cache) before the array is read. Callers set both and clear both when done.
    /// </summary>
    private (double[] Dense, ulong[] Mask) QueryBuffers()
    {
        int size = _termIds.Count;
        var dense = t_query is { } q && q.Length >= size ? q : t_query = new double[size + 4096];
        var mask = t_mask is { } m && m.Length >= (dense.Length >> 6) + 1 ? m : t_mask = new ulong[(dense.Length >> 6) + 1];
        return (dense, mask);
    }

    [ThreadStatic] private static double[]? t_query;
    [ThreadStatic] private static ulong[]? t_mask;
    [ThreadStatic] private static List<int>? t_touchedTerms;

    // Per-thread score accumulators (searches run concurrently under the read lock), cleared after each use.
    [ThreadStatic] private static double[]? t_scores;
    [ThreadStatic] private static double[]? t_bonus;
    [ThreadStatic] private static List<int>? t_touched;

    public void Dispose()
    {
        Analyzer.Dispose();
        Lock.Dispose();
    }
}
