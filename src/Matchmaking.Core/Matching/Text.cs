using Matchmaking.Core.Search;

namespace Matchmaking.Core.Matching;

/// <summary>Normalisation and comparison helpers shared by the index and the scorer.</summary>
internal static class Text
{
    /// <summary>Full-width ASCII folded, lower-cased, whitespace collapsed (the same rule as <see cref="SynonymSet"/>).</summary>
    public static string Normalize(string? text) => string.IsNullOrEmpty(text) ? "" : SynonymSet.Normalize(text);

    /// <summary>All normalised forms of a skill (itself and its synonyms), distinct.</summary>
    public static string[] Forms(string skill, SynonymSet synonyms) =>
        synonyms.Expand(skill).Select(Normalize).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>One key per synonym group: the ordinally smallest normalised form.</summary>
    public static string Canonical(string skill, SynonymSet synonyms)
    {
        var forms = Forms(skill, synonyms);
        return forms.Length == 0 ? "" : forms.Min(StringComparer.Ordinal)!;
    }

    public static bool IsCjkUnigram(string term) => term.Length == 1 && term[0] >= '\u2E80';

    /// <summary>Term frequencies of <paramref name="text"/> analysed into CJK unigrams + bigrams and stemmed Latin words.</summary>
    public static Dictionary<string, int> Terms(MatchmakingAnalyzer analyzer, string? text, out int length)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        length = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return bag;
        }
        foreach (var token in analyzer.Tokens(text))
        {
            bag[token] = bag.TryGetValue(token, out var n) ? n + 1 : 1;
            length++;
        }
        return bag;
    }

    /// <summary>
    /// The <paramref name="k"/> entries with the largest value, largest first, ties by key (ordinal): the same
    /// as sorting everything and taking k, without sorting everything.
    /// </summary>
    public static List<KeyValuePair<string, double>> Top(IEnumerable<KeyValuePair<string, double>> entries, int k)
    {
        var comparer = Comparer<KeyValuePair<string, double>>.Create((a, b) =>
            a.Value != b.Value ? a.Value.CompareTo(b.Value) : string.CompareOrdinal(b.Key, a.Key));
        var heap = new PriorityQueue<KeyValuePair<string, double>, KeyValuePair<string, double>>(comparer);
        foreach (var entry in entries)
        {
            if (heap.Count < k)
            {
                heap.Enqueue(entry, entry);
            }
            else if (k > 0 && comparer.Compare(entry, heap.Peek()) > 0)
            {
                heap.DequeueEnqueue(entry, entry);
            }
        }
        var top = new List<KeyValuePair<string, double>>(heap.Count);
        while (heap.TryDequeue(out var entry, out _))
        {
            top.Add(entry);
        }
        top.Reverse();
        return top;
    }

    /// <summary><c>FirstLevel(a) == FirstLevel(b)</c> without allocating.</summary>
    public static bool SameFirstLevel(string a, string b) =>
        a.Length >= 3 && b.Length >= 3 ? string.CompareOrdinal(a, 0, b, 0, 3) == 0 : a.Length < 3 && b.Length < 3 && a == b;

    public static string FirstLevel(string code) => code.Length >= 3 ? code[..3] : code;

    public static string AchievementLabel(string type) => type.Trim().ToLowerInvariant() switch
    {
        "patent" => "专利",
        "paper" => "论文",
        "project" => "项目",
        "award" => "奖励",
        "standard" => "标准",
        "software" => "软著",
        "product" => "产品",
        _ => type,
    };
}
