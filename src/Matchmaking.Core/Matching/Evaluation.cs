using System.Text;

namespace Matchmaking.Core.Matching;

public enum EvaluationSplit
{
    Tune,
    Test,
}

/// <summary>Ranking metrics for the matching evaluation (docs/matching.md). Pure functions.</summary>
public static class Evaluation
{
    /// <summary>
    /// nDCG@k with linear gains: DCG = Σ gain(rank i) / log2(i + 1) over the first k ranks (i from 1);
    /// the ideal DCG sorts every judged gain of the query, not only the retrieved ones. Ids without a
    /// judgement have gain 0. A query with no positive judgement scores 0.
    /// </summary>
    public static double NdcgAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> gains, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(gains);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        double dcg = 0;
        for (int i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (gains.TryGetValue(ranked[i], out var gain) && gain > 0)
            {
                dcg += gain / Math.Log2(i + 2);
            }
        }
        var ideal = gains.Values.Where(g => g > 0).OrderByDescending(g => g).Take(k).ToArray();
        double idcg = 0;
        for (int i = 0; i < ideal.Length; i++)
        {
            idcg += ideal[i] / Math.Log2(i + 2);
        }
        return idcg > 0 ? dcg / idcg : 0;
    }

    /// <summary>Reciprocal rank of the first id among the first k with gain ≥ <paramref name="minGain"/>; 0 when none.</summary>
    public static double MrrAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> gains, int k, int minGain = 2)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(gains);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        for (int i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (gains.TryGetValue(ranked[i], out var gain) && gain >= minGain)
            {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /// <summary>
    /// Deterministic half of a demand: FNV-1a (32-bit) of the id's UTF-8 bytes, finished with the
    /// MurmurHash3 fmix32 avalanche (FNV's lowest bit alone is just the parity of the bytes), even →
    /// tuning, odd → held-out test. Stable across runs, machines and .NET versions (unlike string.GetHashCode).
    /// </summary>
    public static EvaluationSplit SplitOf(string demandId)
    {
        ArgumentNullException.ThrowIfNull(demandId);
        uint hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(demandId))
        {
            hash = (hash ^ b) * 16777619;
        }
        hash ^= hash >> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >> 16;
        return (hash & 1) == 0 ? EvaluationSplit.Tune : EvaluationSplit.Test;
    }
}
