using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Matchmaking.Core.Search;

/// <summary>
/// Turns whatever a person typed into a Lucene query, never throwing. Understands
/// <c>"quoted phrases"</c>, <c>-exclude</c> (also <c>-"a phrase"</c>) and <c>OR</c> between terms;
/// every other character is plain text for the analyzer. Words are ANDed; each word may match in any
/// text field (title ^3, skills ^2, body ^1). A short run of tokens (a Chinese word of up to five
/// characters, NCM811正极) is matched as a phrase — except that, when matching in a catch-all field, an
/// unquoted Chinese word needs only all its bigrams (which overlap, so they hardly occur together
/// otherwise) and the phrase is rewarded by the scoring query; a longer run needs all its tokens,
/// with a bonus when they are adjacent. A word, quoted phrase or run of words equal to a synonym form
/// also searches the other forms of its group as phrases.
/// </summary>
public sealed class SafeQueryParser
{
    public const int MaxQueryLength = 1000;
    public const int MaxUnits = 32;
    public const int MaxTokensPerUnit = 32;

    /// <summary>
    /// Runs of up to this many tokens (a Chinese word of up to five characters) must match as a
    /// phrase; longer runs (a sentence typed without spaces) need all their tokens, in any order,
    /// with a bonus when adjacent.
    /// </summary>
    public const int MaxTokensAsPhrase = 4;

    /// <summary>Weight of a synonym's other forms relative to the form typed.</summary>
    public const float SynonymWeight = 0.5f;

    public static IReadOnlyDictionary<string, float> DefaultFieldBoosts { get; } = new Dictionary<string, float>
    {
        [FieldNames.Title] = 3f,
        [FieldNames.Skills] = 2f,
        [FieldNames.Body] = 1f,
    };

    private readonly Analyzer _analyzer;
    private readonly SynonymSet _synonyms;
    private readonly KeyValuePair<string, float>[] _fields;
    private readonly KeyValuePair<string, float>[]? _matchFields;
    private readonly KeyValuePair<string, float>[]? _scoringFields;
    private readonly bool _expandSingle;
    private readonly bool _latinWordPairs;

    /// <param name="expandSingleCjkCharacters">
    /// The index holds only bigrams: a lone CJK character typed (泵) also matches the bigrams that
    /// start or end with it (泵体, 盐泵).
    /// </param>
    /// <param name="matchField">
    /// When set, <see cref="ParsedUserQuery.Query"/> and <see cref="ParsedUserQuery.Relaxed"/> match
    /// (and score) in this one catch-all field only (cheap: one postings list per term, and a Chinese
    /// word of two bigrams is a conjunction instead of a phrase), and <see cref="ParsedUserQuery.Scoring"/>
    /// is the query over the other, short fields (title, skills) whose weighted score is added to the
    /// top hits' scores.
    /// </param>
    /// <param name="latinWordPairs">
    /// The catch-all field also indexes adjacent Latin words as pairs (<see cref="MatchmakingAnalyzer.LatinWordPairs"/>):
    /// a phrase of Latin words is then matched by its pairs (a term instead of a phrase for two words).
    /// </param>
    public SafeQueryParser(Analyzer analyzer, SynonymSet? synonyms = null, IReadOnlyDictionary<string, float>? fieldBoosts = null, bool expandSingleCjkCharacters = false, string? matchField = null, bool latinWordPairs = false)
    {
        _latinWordPairs = latinWordPairs && matchField is not null;
        _expandSingle = expandSingleCjkCharacters;
        _analyzer = analyzer ?? throw new ArgumentNullException(nameof(analyzer));
        _synonyms = synonyms ?? SynonymSet.Empty;
        _fields = (fieldBoosts ?? DefaultFieldBoosts).ToArray();
        if (_fields.Length == 0)
        {
            throw new ArgumentException("At least one field is needed.", nameof(fieldBoosts));
        }
        if (matchField is not null)
        {
            // The catch-all field's score comes from matching; scoring adds only the other (short) fields.
            _matchFields = [new KeyValuePair<string, float>(matchField, _fields.FirstOrDefault(f => f.Key == matchField).Value is > 0 and var b ? b : 1f)];
            _scoringFields = _fields.Where(f => f.Key != matchField).ToArray();
            if (_scoringFields.Length == 0)
            {
                _matchFields = null;
                _scoringFields = null;
            }
        }
    }

    public ParsedUserQuery Parse(string? input)
    {
        var notices = new List<SearchNotice>();
        var text = Clean(input ?? "", notices);
        var items = Lex(text, notices);
        items = MergeSynonymRuns(items);
        items = WithoutRepeats(items);

        var highlight = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<List<Query>>();
        var excluded = new List<Query>();
        var scoringGroups = new List<List<Query>>();
        int units = 0;
        bool tooManyTokens = false;
        foreach (var item in items)
        {
            if (units >= MaxUnits)
            {
                notices.Add(new(SearchNoticeKind.TooManyWords, MaxUnits));
                break;
            }
            var unit = BuildUnit(item, item.Excluded ? null : highlight, ref tooManyTokens, _matchFields ?? _fields, matching: _matchFields is not null);
            if (unit is null)
            {
                continue;
            }
            units++;
            var scoring = _matchFields is null || item.Excluded ? null : BuildUnit(item, null, ref tooManyTokens, _scoringFields!, matching: false);
            if (item.Excluded)
            {
                excluded.Add(unit);
            }
            else if (item.OrBefore && groups.Count > 0)
            {
                groups[^1].Add(unit);
                scoringGroups[^1].Add(scoring!);
            }
            else
            {
                groups.Add([unit]);
                scoringGroups.Add([scoring!]);
            }
        }
        if (tooManyTokens)
        {
            notices.Add(new(SearchNoticeKind.TextRunTooLong, MaxTokensPerUnit));
        }

        if (groups.Count == 0 && excluded.Count == 0)
        {
            if (text.Trim().Length > 0)
            {
                notices.Add(new(SearchNoticeKind.NothingSearchable));
            }
            return new ParsedUserQuery(new MatchAllDocsQuery(), null, true, highlight, notices.Distinct().ToList());
        }
        // Ranks the top hits: every unit is optional, so a hit of the strict or the relaxed query
        // scores by the (field-weighted) units it contains. Exclusions are already applied by matching.
        var scoringQuery = _matchFields is null ? null : Combine(scoringGroups, [], Occur.SHOULD);

        var strict = Combine(groups, excluded, Occur.MUST);
        Query? relaxed = null;
        if (groups.Count > 1)
        {
            // At least half of the words (any one of two), so a long query does not degrade into "any word".
            int minimum = Math.Max(1, groups.Count / 2);
            if (minimum == 1)
            {
                var any = (BooleanQuery)Combine(groups, excluded, Occur.SHOULD);
                any.MinimumNumberShouldMatch = 1;
                relaxed = any;
            }
            else
            {
                // The same matches and scores, evaluated a word at a time (see AtLeastQuery).
                var atLeast = new AtLeastQuery(groups.Select(g => g.Count == 1 ? g[0] : Any(g)), minimum);
                relaxed = excluded.Count == 0 ? atLeast : Combine([[atLeast]], excluded, Occur.MUST);
            }
        }
        return new ParsedUserQuery(strict, relaxed, false, highlight, notices.Distinct().ToList()) { Scoring = scoringQuery };
    }

    private static Query Combine(List<List<Query>> groups, List<Query> excluded, Occur occur)
    {
        var query = new BooleanQuery();
        foreach (var group in groups)
        {
            query.Add(group.Count == 1 ? group[0] : Any(group), occur);
        }
        if (groups.Count == 0)
        {
            query.Add(new MatchAllDocsQuery(), Occur.MUST);
        }
        foreach (var unit in excluded)
        {
            query.Add(unit, Occur.MUST_NOT);
        }
        return query;
    }

    /// <summary>The alternatives of an OR group.</summary>
    private static BooleanQuery Any(List<Query> group)
    {
        var any = new BooleanQuery();
        foreach (var unit in group)
        {
            any.Add(unit, Occur.SHOULD);
        }
        return any;
    }

    /// <summary>Truncates, and replaces control characters and lone surrogates with spaces.</summary>
    private static string Clean(string input, List<SearchNotice> notices)
    {
        if (input.Length > MaxQueryLength)
        {
            int cut = MaxQueryLength;
            if (char.IsHighSurrogate(input[cut - 1]))
            {
                cut--;
            }
            input = input[..cut];
            notices.Add(new(SearchNoticeKind.QueryTruncated, MaxQueryLength));
        }
        var sb = new StringBuilder(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            char c = input[i];
            if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
            {
                sb.Append(c).Append(input[++i]);
            }
            else if (char.IsSurrogate(c) || char.IsControl(c) || c == '\uFFFE' || c == '\uFFFF')
            {
                sb.Append(' ');
            }
            else
            {
                sb.Append(WidthFoldingCharFilter.Fold(c));
            }
        }
        return sb.ToString();
    }

    private static List<Item> Lex(string s, List<SearchNotice> notices)
    {
        var items = new List<Item>();
        bool orPending = false;
        int i = 0;
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                i++;
                continue;
            }
            bool excluded = false;
            if (s[i] == '-' && i + 1 < s.Length && !char.IsWhiteSpace(s[i + 1]) && s[i + 1] != '-')
            {
                excluded = true;
                i++;
            }
            if (s[i] == '"')
            {
                int close = s.IndexOf('"', i + 1);
                if (close < 0)
                {
                    notices.Add(new(SearchNoticeKind.UnbalancedQuote));
                    i++;
                    continue;
                }
                items.Add(new Item(s[(i + 1)..close], Quoted: true, excluded, orPending && !excluded));
                orPending = false;
                i = close + 1;
                continue;
            }
            int start = i;
            while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '"')
            {
                i++;
            }
            var word = s[start..i];
            if (!excluded && word == "OR" && items.Count > 0)
            {
                orPending = true;
                continue;
            }
            items.Add(new Item(word, Quoted: false, excluded, orPending && !excluded));
            orPending = false;
        }
        return items;
    }

    /// <summary>
    /// Drops a word typed again (outside OR groups): requiring it twice changes nothing but the cost,
    /// and it must not count twice towards "half of the words" or in ranking.
    /// </summary>
    private static List<Item> WithoutRepeats(List<Item> items)
    {
        var seen = new HashSet<(string, bool, bool)>();
        var kept = new List<Item>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            bool inOrGroup = item.OrBefore || (i + 1 < items.Count && items[i + 1].OrBefore);
            if (!inOrGroup && !seen.Add((SynonymSet.Normalize(item.Text), item.Quoted, item.Excluded)))
            {
                continue;
            }
            kept.Add(item);
        }
        return kept;
    }

    /// <summary>Joins consecutive plain words that together spell a multi-word synonym form ("molten salt pump").</summary>
    private List<Item> MergeSynonymRuns(List<Item> items)
    {
        if (_synonyms.IsEmpty || _synonyms.MaxWords < 2)
        {
            return items;
        }
        var merged = new List<Item>(items.Count);
        int i = 0;
        while (i < items.Count)
        {
            int taken = 1;
            for (int k = Math.Min(_synonyms.MaxWords, items.Count - i); k >= 2; k--)
            {
                var run = items.GetRange(i, k);
                if (run.Any(x => x.Quoted || x.Excluded) || run.Skip(1).Any(x => x.OrBefore))
                {
                    continue;
                }
                var joined = string.Join(' ', run.Select(x => x.Text));
                if (_synonyms.TryGetGroup(joined, out _))
                {
                    merged.Add(new Item(joined, Quoted: false, Excluded: false, items[i].OrBefore));
                    taken = k;
                    break;
                }
            }
            if (taken == 1)
            {
                merged.Add(items[i]);
            }
            i += taken;
        }
        return merged;
    }

    private Query? BuildUnit(Item item, HashSet<string>? highlight, ref bool tooManyTokens, KeyValuePair<string, float>[] fields, bool matching)
    {
        var tokens = Analyze(item.Text, ref tooManyTokens);
        if (tokens.Count == 0)
        {
            return null;
        }
        highlight?.UnionWith(tokens.Select(t => t.Term));

        bool cjkWord = matching && !item.Quoted && !item.Excluded && tokens.Count <= MaxTokensAsPhrase && tokens.All(t => IsCjkBigram(t.Term));
        Query core;
        if (tokens.Count == 1)
        {
            core = _expandSingle && !item.Excluded && IsSingleCjk(tokens[0].Term) ? SingleCharacter(tokens[0].Term, fields) : AnyField(tokens[0].Term, fields);
        }
        else if (!cjkWord && (item.Quoted || item.Excluded || tokens.Count <= MaxTokensAsPhrase))
        {
            // A short run (熔盐泵, NCM811正极) means that word: match it as a phrase.
            core = Phrase(tokens, fields, pairs: matching && _latinWordPairs);
        }
        else
        {
            // A long run needs all its tokens, with a bonus (when scoring) where they are adjacent. So does a
            // Chinese word of three to five characters when matching (熔盐泵 = 熔盐 + 盐泵): its overlapping
            // bigrams almost always occur together only as the word (the inner ones, such as 温熔 in 高温熔盐,
            // hardly occur otherwise), so a conjunction matches without decoding positions, and the scoring
            // query still rewards the exact phrase in titles and skills.
            var all = new BooleanQuery();
            foreach (var token in tokens.Select(t => t.Term).Distinct())
            {
                all.Add(AnyField(token, fields), Occur.MUST);
            }
            if (!matching)
            {
                all.Add(Phrase(tokens, fields), Occur.SHOULD);
            }
            core = all;
        }

        if (item.Excluded || !_synonyms.TryGetGroup(item.Text, out var forms))
        {
            return core;
        }
        var key = SynonymSet.Normalize(item.Text);
        var either = new SynonymGroupQuery { { core, Occur.SHOULD } };
        foreach (var form in forms.Where(f => SynonymSet.Normalize(f) != key))
        {
            bool ignored = false;
            var formTokens = Analyze(form, ref ignored);
            if (formTokens.Count == 0)
            {
                continue;
            }
            highlight?.UnionWith(formTokens.Select(t => t.Term));
            var alternative = Phrase(formTokens, fields, pairs: matching && _latinWordPairs);
            alternative.Boost *= SynonymWeight; // what was typed ranks above its equivalents
            either.Add(alternative, Occur.SHOULD);
        }
        return either;
    }

    internal static bool IsSingleCjk(string term) => term.Length == 1 && term[0] >= '\u2E80' && !char.IsSurrogate(term[0]);

    internal static bool IsCjkBigram(string term) => term.Length == 2 && term[0] >= '\u2E80' && term[1] >= '\u2E80' && !char.IsSurrogate(term[0]) && !char.IsSurrogate(term[1]);

    private static Query SingleCharacter(string character, KeyValuePair<string, float>[] fields)
    {
        var dismax = new DisjunctionMaxQuery(0.1f);
        foreach (var (field, boost) in fields)
        {
            var any = new BooleanQuery(disableCoord: true)
            {
                { new TermQuery(new Term(field, character)), Occur.SHOULD },
                { new PrefixQuery(new Term(field, character)), Occur.SHOULD },
                { new WildcardQuery(new Term(field, "?" + character)), Occur.SHOULD },
            };
            any.Boost = boost;
            dismax.Add(any);
        }
        return fields.Length == 1 ? dismax.Disjuncts[0] : dismax;
    }

    private static Query AnyField(string term, KeyValuePair<string, float>[] fields)
    {
        if (fields.Length == 1)
        {
            return new TermQuery(new Term(fields[0].Key, term)) { Boost = fields[0].Value };
        }
        var dismax = new DisjunctionMaxQuery(0.1f);
        foreach (var (field, boost) in fields)
        {
            dismax.Add(new TermQuery(new Term(field, term)) { Boost = boost });
        }
        return dismax;
    }

    /// <param name="pairs">Match a phrase of Latin words by the word pairs the index holds (<see cref="LatinWordPairFilter"/>).</param>
    private static Query Phrase(List<(string Term, int Position, bool Latin)> tokens, KeyValuePair<string, float>[] fields, bool pairs = false)
    {
        if (tokens.Count == 1)
        {
            return AnyField(tokens[0].Term, fields);
        }
        if (pairs && tokens.All(t => t.Latin) && tokens.Zip(tokens.Skip(1)).All(t => t.Second.Position == t.First.Position + 1))
        {
            // "a b c" is the pairs "a b" and "b c" at consecutive positions; "a b" alone is one term.
            var paired = tokens.Zip(tokens.Skip(1), (a, b) => (a.Term + " " + b.Term, b.Position - 1, true)).ToList();
            return Phrase(paired, fields);
        }
        var dismax = new DisjunctionMaxQuery(0.1f);
        foreach (var (field, boost) in fields)
        {
            var phrase = new PhraseQuery { Boost = boost };
            foreach (var (term, position, _) in tokens)
            {
                phrase.Add(new Term(field, term), position);
            }
            dismax.Add(phrase);
        }
        return fields.Length == 1 ? dismax.Disjuncts[0] : dismax;
    }

    /// <summary>Token texts with positions; stacked tokens (same position) keep only the first.</summary>
    private List<(string Term, int Position, bool Latin)> Analyze(string text, ref bool tooMany)
    {
        var tokens = new List<(string, int, bool)>();
        using var stream = _analyzer.GetTokenStream(_fields[0].Key, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        int position = -1;
        while (stream.IncrementToken())
        {
            if (increment.PositionIncrement == 0 && tokens.Count > 0)
            {
                continue;
            }
            position += Math.Max(1, increment.PositionIncrement);
            if (tokens.Count == MaxTokensPerUnit)
            {
                tooMany = true;
                break;
            }
            tokens.Add((term.ToString(), position, MatchmakingAnalyzer.IsLatinWord(type.Type)));
        }
        stream.End();
        return tokens;
    }

    private sealed record Item(string Text, bool Quoted, bool Excluded, bool OrBefore);
}

/// <summary>
/// The form typed (first clause) or any other form of its synonym group (the other clauses): a plain
/// Boolean disjunction to Lucene; <see cref="TitleSkillsScorer"/> weighs the other forms by the typed
/// form's rarity, so a synonym of more (or rarer) words does not outrank what was typed.
/// </summary>
internal sealed class SynonymGroupQuery : BooleanQuery
{
}

/// <summary>The outcome of <see cref="SafeQueryParser.Parse"/>.</summary>
/// <param name="Query">The query to run (all words required).</param>
/// <param name="Relaxed">Variant needing only half of the words, to try when <paramref name="Query"/> finds nothing; null for one word.</param>
/// <param name="MatchesAll">True when nothing searchable was typed.</param>
/// <param name="HighlightTerms">Analyzed terms to mark in titles and snippets.</param>
/// <param name="Notices">Why the query was not used exactly as typed, if it was not.</param>
public sealed record ParsedUserQuery(
    Query Query,
    Query? Relaxed,
    bool MatchesAll,
    IReadOnlySet<string> HighlightTerms,
    IReadOnlyList<SearchNotice> Notices)
{
    /// <summary>The notices in Chinese (<see cref="SearchNotice.ChineseText"/>); null when there are none.</summary>
    public string? Message => SearchNotice.ChineseText(Notices);

    /// <summary>
    /// When the parser matches in a catch-all field: the field-weighted query over the other fields
    /// (title, skills) whose score is added to the top hits of <see cref="Query"/> or
    /// <see cref="Relaxed"/> to rank them; null otherwise.
    /// </summary>
    public Query? Scoring { get; init; }
}
