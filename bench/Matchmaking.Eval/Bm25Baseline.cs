using Matchmaking.Core.Matching;
using Matchmaking.Core.Search;

namespace Matchmaking.Eval;

/// <summary>
/// The reference baseline of the CSL README: plain BM25 (k1 = 1.2, b = 0.75, Lucene's idf) over
/// CJK unigrams + bigrams (and stemmed Latin words); one field = name + summary + skills; the query is
/// the demand's text (on CSL only its title). Independent of the scorer's code on purpose.
/// </summary>
internal sealed class Bm25Baseline
{
    private const double K1 = 1.2, B = 0.75;
    private readonly List<(string Id, Dictionary<string, int> Tf, int Length)> _docs = [];
    private readonly Dictionary<string, int> _df = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Doc, int Tf)>> _postings = new(StringComparer.Ordinal);
    private readonly MatchmakingAnalyzer _analyzer = new(outputUnigrams: true);
    private readonly double _avgLength;

    public Bm25Baseline(IEnumerable<CapabilityDoc> profiles)
    {
        foreach (var p in profiles)
        {
            var tokens = _analyzer.Tokens(p.Name + "\n" + p.Summary + "\n" + string.Join("\n", p.Skills));
            var tf = tokens.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            int doc = _docs.Count;
            _docs.Add((p.Id, tf, tokens.Count));
            foreach (var (term, n) in tf)
            {
                _df[term] = _df.GetValueOrDefault(term) + 1;
                if (!_postings.TryGetValue(term, out var list))
                {
                    _postings[term] = list = [];
                }
                list.Add((doc, n));
            }
        }
        _avgLength = _docs.Count == 0 ? 1 : _docs.Average(d => (double)d.Length);
    }

    public IReadOnlyList<string> Rank(DemandDoc demand, ISet<string> exclude, int k)
    {
        var scores = new Dictionary<int, double>();
        int n = _docs.Count;
        foreach (var term in _analyzer.Tokens(demand.Title + "\n" + demand.Description))
        {
            if (!_postings.TryGetValue(term, out var postings))
            {
                continue;
            }
            int df = _df[term];
            double idf = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
            foreach (var (doc, tf) in postings)
            {
                double norm = K1 * (1 - B + B * _docs[doc].Length / _avgLength);
                scores[doc] = scores.GetValueOrDefault(doc) + idf * tf * (K1 + 1) / (tf + norm);
            }
        }
        return scores
            .Where(s => !exclude.Contains(_docs[s.Key].Id))
            .OrderByDescending(s => s.Value).ThenBy(s => _docs[s.Key].Id, StringComparer.Ordinal)
            .Take(k).Select(s => _docs[s.Key].Id).ToArray();
    }
}
