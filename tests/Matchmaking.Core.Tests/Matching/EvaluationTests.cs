using Matchmaking.Core.Matching;

namespace Matchmaking.Core.Tests.Matching;

public class EvaluationTests
{
    private static readonly Dictionary<string, int> Gains = new() { ["b"] = 2, ["c"] = 1, ["d"] = 2 };

    [Fact]
    public void NdcgAt_HandComputedExample()
    {
        // DCG = 0 + 2/log2(3) + 1/log2(4) = 1.76186; ideal (2, 2, 1) = 2 + 2/log2(3) + 1/2 = 3.76186.
        Assert.Equal(0.46835, Evaluation.NdcgAt(["a", "b", "c"], Gains, 3), 5);
    }

    [Fact]
    public void NdcgAt_IdealOrder_IsOne_AndIdealUsesAllJudgedProfiles()
    {
        Assert.Equal(1.0, Evaluation.NdcgAt(["b", "d", "c"], Gains, 3), 10);
        // Only one of the two gain-2 profiles retrieved: DCG 2, ideal 2 + 2/log2(3).
        Assert.Equal(2 / (2 + 2 / Math.Log2(3)), Evaluation.NdcgAt(["b"], Gains, 2), 10);
    }

    [Fact]
    public void NdcgAt_CutsAtK_AndNoRelevantJudgement_IsZero()
    {
        Assert.Equal(0, Evaluation.NdcgAt(["a", "x", "b"], Gains, 2));
        Assert.Equal(0, Evaluation.NdcgAt(["a"], new Dictionary<string, int> { ["a"] = 0 }, 10));
    }

    [Fact]
    public void MrrAt_FirstProfileWithGainTwo()
    {
        Assert.Equal(1.0 / 3, Evaluation.MrrAt(["a", "c", "b"], Gains, 10), 10);
        Assert.Equal(1.0, Evaluation.MrrAt(["d", "b"], Gains, 10));
        Assert.Equal(0, Evaluation.MrrAt(["a", "c", "b"], Gains, 2));
        Assert.Equal(0, Evaluation.MrrAt(["c"], Gains, 10));
    }

    [Fact]
    public void SplitOf_IsDeterministicAndRoughlyHalf()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => $"q-csl-d-{i:0000}").ToArray();
        var tune = ids.Count(id => Evaluation.SplitOf(id) == EvaluationSplit.Tune);
        Assert.InRange(tune, 420, 580);
        Assert.All(ids, id => Assert.Equal(Evaluation.SplitOf(id), Evaluation.SplitOf(new string(id.ToCharArray()))));
        // Pinned values: changing the hash silently would mix the tuning and held-out halves.
        Assert.Equal(
            [EvaluationSplit.Test, EvaluationSplit.Test, EvaluationSplit.Tune],
            new[] { Evaluation.SplitOf("q-csl-d-0000"), Evaluation.SplitOf("q-csl-d-0003"), Evaluation.SplitOf("q-csl-d-0004") });
    }
}
