using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Matchmaking.Core.Matching;
using Matchmaking.Eval;

// Matching quality evaluation; see docs/matching.md.
//   dotnet run -c Release --project bench/Matchmaking.Eval -- --profiles F --demands F --qrels F
//       [--split tune|test|all] [--method bm25|scorer|both] [--weights k=v,...] [--synonyms F] [--tune SECONDS [--objective ndcg|mean]] [--labels tune]
const int K = 10;
var options = Args.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: --profiles FILE --demands FILE --qrels FILE [--split tune|test|all] [--method bm25|scorer|both] [--weights k=v,...] [--synonyms FILE] [--tune SECONDS [--objective ndcg|mean]] [--labels tune]");
    return 2;
}

var profiles = Exchange.ReadProfiles(options.Profiles);
var demands = Exchange.ReadDemands(options.Demands);
var qrels = Exchange.ReadQrels(options.Qrels);
if (options.Labels == "tune")
{
    profiles = Labels.WithTuningCodes(profiles, qrels);
}
var synonyms = Exchange.ReadSynonyms(options.Synonyms);
var judged = demands.Where(d => qrels.TryGetValue(d.Id, out var g) && g.Values.Any(v => v > 0)).ToList();
Console.WriteLine($"{profiles.Count} profiles, {demands.Count} demands ({judged.Count} judged), {qrels.Sum(q => q.Value.Count)} judgements");

List<DemandDoc> SplitOf(string split) => split switch
{
    "tune" => judged.Where(d => Evaluation.SplitOf(d.Id) == EvaluationSplit.Tune).ToList(),
    "test" => judged.Where(d => Evaluation.SplitOf(d.Id) == EvaluationSplit.Test).ToList(),
    _ => judged,
};

// The demand's own source document (q-X ↔ X) is removed before ranking, as the CSL README asks.
static HashSet<string> OwnDocument(DemandDoc d) =>
    d.Id.StartsWith("q-", StringComparison.Ordinal) ? [d.Id[2..]] : [];

(double Ndcg, double Mrr) Score(IReadOnlyList<DemandDoc> set, Func<DemandDoc, IReadOnlyList<string>> rank)
{
    var results = new (double, double)[set.Count];
    Parallel.For(0, set.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
    {
        var ranked = rank(set[i]);
        var gains = qrels[set[i].Id];
        results[i] = (Evaluation.NdcgAt(ranked, gains, K), Evaluation.MrrAt(ranked, gains, K));
    });
    return set.Count == 0 ? (0, 0) : (results.Average(r => r.Item1), results.Average(r => r.Item2));
}

var bm25 = new Bm25Baseline(profiles);
using var index = new CapabilityIndex(synonyms);
index.Upsert(profiles);

Func<DemandDoc, IReadOnlyList<string>> Bm25Ranker() => d => bm25.Rank(d, OwnDocument(d), K);
Func<DemandDoc, IReadOnlyList<string>> ScorerRanker(MatchWeights w)
{
    var scorer = new MatchScorer(w);
    return d => scorer.MatchCapabilities(d, index, new MatchOptions { Take = K, ExcludeIds = OwnDocument(d) }).Select(m => m.CandidateId).ToArray();
}

var weights = Weights.Apply(new MatchWeights(), options.Weights);

if (options.TuneSeconds is { } seconds)
{
    // --objective ndcg (default) tunes nDCG@10 alone; mean tunes (nDCG@10 + MRR@10) / 2, trading a little nDCG for the first hit.
    Func<(double Ndcg, double Mrr), double> objective = options.Objective == "mean" ? r => (r.Ndcg + r.Mrr) / 2 : r => r.Ndcg;
    weights = Tuner.CoordinateSearch(weights, w => objective(Score(SplitOf("tune"), ScorerRanker(w))), TimeSpan.FromSeconds(seconds));
    Console.WriteLine($"tuned weights: {Weights.Format(weights)}");
}

var splits = options.Split == "all" && options.TuneSeconds is null ? new[] { "all" } : options.Split == "all" ? ["tune", "test", "all"] : [options.Split];
Console.WriteLine();
Console.WriteLine("| method | split | demands | nDCG@10 | MRR@10 | seconds |");
Console.WriteLine("|---|---|---:|---:|---:|---:|");
foreach (var split in splits)
{
    var set = SplitOf(split);
    foreach (var method in options.Method == "both" ? ["bm25", "scorer"] : new[] { options.Method })
    {
        var clock = Stopwatch.StartNew();
        var (ndcg, mrr) = Score(set, method == "bm25" ? Bm25Ranker() : ScorerRanker(weights));
        Console.WriteLine($"| {method} | {split} | {set.Count} | {ndcg:F4} | {mrr:F4} | {clock.Elapsed.TotalSeconds:F1} |");
    }
}
if (options.Method != "bm25")
{
    Console.WriteLine($"scorer weights: {Weights.Format(weights)}");
}
return 0;

internal sealed record Args(string Profiles, string Demands, string Qrels, string Split, string Method, string? Weights, string? Synonyms, double? TuneSeconds, string? Labels, string Objective = "ndcg")
{
    public static Args? Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }
            map[args[i][2..]] = args[i + 1];
        }
        if (args.Length % 2 != 0 || !map.TryGetValue("profiles", out var p) || !map.TryGetValue("demands", out var d) || !map.TryGetValue("qrels", out var q))
        {
            return null;
        }
        var split = map.GetValueOrDefault("split", "all");
        var method = map.GetValueOrDefault("method", "both");
        if (split is not ("tune" or "test" or "all") || method is not ("bm25" or "scorer" or "both"))
        {
            return null;
        }
        double? tune = map.TryGetValue("tune", out var t) ? double.Parse(t, CultureInfo.InvariantCulture) : null;
        var labels = map.GetValueOrDefault("labels");
        if (labels is not (null or "tune"))
        {
            return null;
        }
        var objective = map.GetValueOrDefault("objective", "ndcg");
        if (objective is not ("ndcg" or "mean"))
        {
            return null;
        }
        return new Args(p, d, q, split, method, map.GetValueOrDefault("weights"), map.GetValueOrDefault("synonyms"), tune, labels, objective);
    }
}

internal static class Weights
{
    private static PropertyInfo[] Properties { get; } = typeof(MatchWeights).GetProperties().Where(p => p.CanWrite).ToArray();

    public static MatchWeights Apply(MatchWeights weights, string? assignments)
    {
        foreach (var pair in (assignments ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, value) = (pair.Split('=')[0], pair.Split('=')[1]);
            Set(weights, name, double.Parse(value, CultureInfo.InvariantCulture));
        }
        return weights;
    }

    public static void Set(MatchWeights weights, string name, double value)
    {
        var property = Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown weight '{name}'; known: {string.Join(", ", Properties.Select(p => p.Name))}");
        property.SetValue(weights, property.PropertyType == typeof(int) ? (object)(int)value : value);
    }

    public static double Get(MatchWeights weights, string name) =>
        Convert.ToDouble(Properties.First(p => p.Name == name).GetValue(weights), CultureInfo.InvariantCulture);

    public static string Format(MatchWeights weights) =>
        string.Join(",", Properties.Select(p => $"{p.Name}={Convert.ToString(p.GetValue(weights), CultureInfo.InvariantCulture)}"));
}

/// <summary>Coordinate search: one parameter at a time over a small grid, keeping any improvement, until a pass changes nothing or time runs out.</summary>
internal static class Tuner
{
    private static readonly (string Name, double[] Grid)[] Grids =
    [
        ("Text", [0.25, 0.5, 1, 1.5, 2]),
        ("InferredField", [0.5, 1, 1.5, 2, 3]),
        ("DisciplineTemperature", [0.05, 0.1, 0.15, 0.2, 0.3]),
        ("InferredFieldBoost", [0, 0.25, 0.5, 1]),
        ("DisciplineNeighbours", [0, 5, 10, 20]),
        ("DisciplineNeighbourWeight", [0.25, 0.5, 0.75]),
        ("SameFirstLevelField", [0.25, 0.5, 0.75]),
        ("TitleBoost", [0.5, 1, 1.5, 2, 3]),
        ("BodyBoost", [0.5, 1, 1.5]),
        ("SkillsBoost", [0.5, 1, 2, 3]),
        ("UnigramWeight", [0, 0.25, 0.5, 1]),
        ("FeedbackDocs", [0, 3, 5, 10, 20]),
        ("FeedbackTerms", [10, 20, 40, 80]),
        ("FeedbackWeight", [0.25, 0.5, 1, 2]),
        ("NeighbourDocs", [0, 5, 10, 20]),
        ("NeighbourWeight", [0.25, 0.5, 0.75]),
        ("InferredSkillWeight", [0, 0.25, 0.5, 1]),
        ("InferredSkillMinLength", [2, 3, 4]),
        ("SkillInTextCredit", [0.25, 0.5, 1]),
        ("Skill", [0.1, 0.25, 0.5, 1]),
    ];

    public static MatchWeights CoordinateSearch(MatchWeights start, Func<MatchWeights, double> objective, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        var best = start.Clone();
        double bestScore = objective(best);
        Console.WriteLine($"tune start objective {bestScore:F4}");
        for (int pass = 1; pass <= 3; pass++)
        {
            bool changed = false;
            foreach (var (name, grid) in Grids)
            {
                foreach (var value in grid)
                {
                    if (clock.Elapsed > budget)
                    {
                        Console.WriteLine($"tune: time budget reached after {clock.Elapsed.TotalSeconds:F0}s");
                        return best;
                    }
                    if (Weights.Get(best, name) == value)
                    {
                        continue;
                    }
                    var candidate = best.Clone();
                    Weights.Set(candidate, name, value);
                    double score = objective(candidate);
                    if (score > bestScore + 1e-4)
                    {
                        (best, bestScore, changed) = (candidate, score, true);
                        Console.WriteLine($"tune pass {pass}: {name}={value} → objective {score:F4} ({clock.Elapsed.TotalSeconds:F0}s)");
                    }
                }
            }
            if (!changed)
            {
                break;
            }
        }
        return best;
    }
}
