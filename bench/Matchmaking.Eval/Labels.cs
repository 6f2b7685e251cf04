using Matchmaking.Core.Matching;

namespace Matchmaking.Eval;

/// <summary>
/// Discipline codes for the CSL profiles whose own demand is in the tuning half, recovered from the
/// tuning half's judgements only: profiles X and Y (both tuning-half) share a discipline when
/// q-X judges Y with gain 2, and a category (the first level) when the gain is at least 1. The codes
/// are synthetic GB/T-13745-shaped strings, "1CCDD" (first level "1CC"). Held-out profiles get none,
/// so the held-out demands' own labels never reach the model; in the portal, profiles declare codes.
/// </summary>
internal static class Labels
{
    public static List<CapabilityDoc> WithTuningCodes(List<CapabilityDoc> profiles, Dictionary<string, Dictionary<string, int>> qrels)
    {
        static bool IsTuning(string profileId) => Evaluation.SplitOf("q-" + profileId) == EvaluationSplit.Tune;
        var tuning = profiles.Where(p => IsTuning(p.Id) && qrels.ContainsKey("q-" + p.Id)).Select(p => p.Id).OrderBy(id => id, StringComparer.Ordinal).ToList();
        var discipline = new UnionFind(tuning);
        var category = new UnionFind(tuning);
        var known = tuning.ToHashSet(StringComparer.Ordinal);
        foreach (var x in tuning)
        {
            foreach (var (y, gain) in qrels["q-" + x])
            {
                if (!known.Contains(y))
                {
                    continue;
                }
                if (gain >= 2)
                {
                    discipline.Union(x, y);
                }
                if (gain >= 1)
                {
                    category.Union(x, y);
                }
            }
        }
        var categoryCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var disciplineCode = new Dictionary<string, string>(StringComparer.Ordinal);
        var perCategory = new Dictionary<int, int>();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in tuning)
        {
            var c = category.Find(id);
            if (!categoryCode.TryGetValue(c, out var cc))
            {
                categoryCode[c] = cc = categoryCode.Count + 1;
            }
            var d = discipline.Find(id);
            if (!disciplineCode.TryGetValue(d, out var code))
            {
                perCategory[cc] = perCategory.GetValueOrDefault(cc) + 1;
                disciplineCode[d] = code = $"1{cc:00}{perCategory[cc]:00}";
            }
            codes[id] = code;
        }
        Console.WriteLine($"labels: {codes.Count} tuning-half profiles, {disciplineCode.Count} disciplines in {categoryCode.Count} categories");
        return profiles.Select(p => codes.TryGetValue(p.Id, out var code) ? p with { FieldCodes = [code] } : p).ToList();
    }

    private sealed class UnionFind(IEnumerable<string> ids)
    {
        private readonly Dictionary<string, string> _parent = ids.ToDictionary(id => id, id => id, StringComparer.Ordinal);

        public string Find(string id)
        {
            while (_parent[id] != id)
            {
                _parent[id] = _parent[_parent[id]];
                id = _parent[id];
            }
            return id;
        }

        public void Union(string a, string b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb)
            {
                // The smaller id is the root, so codes do not depend on the order of the judgements.
                if (string.CompareOrdinal(ra, rb) < 0) _parent[rb] = ra; else _parent[ra] = rb;
            }
        }
    }
}
