using Matchmaking.Core.Matching;

namespace Matchmaking.Core.Tests.Matching;

/// <summary>The field component when a side declares no discipline codes: inferred by the discipline model.</summary>
public class InferredFieldTests
{
    private static readonly MatchWeights Inferring = new() { InferredField = 1, DisciplineNeighbours = 0, FeedbackDocs = 0, NeighbourDocs = 0 };

    private static CapabilityDoc Team(string id, string name, string summary, params string[] fields) =>
        new() { Id = id, Name = name, Summary = summary, FieldCodes = fields, OrgType = "University" };

    /// <summary>Labelled teams that teach the model two disciplines, plus two teams with the same neutral text and different codes.</summary>
    private static CapabilityDoc[] Corpus() =>
    [
        Team("salt-1", "熔盐储热材料团队", "研究硝酸盐熔盐储热材料与储热罐腐蚀。", "48040"),
        Team("salt-2", "光热储热团队", "熔盐储热系统设计，储热罐与换热器。", "48040"),
        Team("salt-3", "高温熔盐团队", "高温熔盐物性与熔盐储热循环。", "48040"),
        Team("cnc-1", "数控机床团队", "研究数控机床主轴与进给系统精度。", "46020"),
        Team("cnc-2", "精密加工团队", "数控机床误差补偿与精密加工工艺。", "46020"),
        Team("cnc-3", "机床可靠性团队", "数控机床可靠性试验与故障诊断。", "46020"),
        Team("neutral-energy", "工程应用团队", "面向产业开展工程应用。", "48040"),
        Team("neutral-machine", "工程应用团队", "面向产业开展工程应用。", "46020"),
    ];

    private static readonly DemandDoc SaltDemand = new() { Id = "d-salt", Title = "熔盐储热罐研制", Description = "需要熔盐储热技术，提高储热罐寿命。" };

    private static Dictionary<string, Match> Run(MatchWeights weights, DemandDoc demand, IEnumerable<CapabilityDoc> teams, MatchOptions? options = null)
    {
        using var index = new CapabilityIndex();
        index.Upsert(teams);
        return new MatchScorer(weights).MatchCapabilities(demand, index, options ?? new MatchOptions { Take = 100 }).ToDictionary(m => m.CandidateId);
    }

    [Fact]
    public void DemandWithoutCodes_FavoursTeamsOfItsInferredDiscipline_WithAReason()
    {
        var m = Run(Inferring, SaltDemand, Corpus());
        var energy = m["neutral-energy"];
        var machine = m["neutral-machine"];
        Assert.True(energy.ValueOf(MatchComponent.Field) > 0.5, energy.ValueOf(MatchComponent.Field).ToString());
        Assert.True(energy.ValueOf(MatchComponent.Field) > machine.ValueOf(MatchComponent.Field));
        Assert.True(energy.Score > machine.Score);
        Assert.Contains(energy.Reasons, r => r.StartsWith("学科: 48040（推断", StringComparison.Ordinal));
        var field = energy.Breakdown.Single(p => p.Component == MatchComponent.Field);
        Assert.Equal(Inferring.InferredField, field.Weight);
        Assert.Equal(field.Contribution > 0, field.Reasons.Count > 0);
    }

    [Fact]
    public void InferenceOff_NoFieldComponent_AndSameTextScoresTie()
    {
        var off = Inferring.Clone();
        off.InferredField = 0;
        var m = Run(off, SaltDemand, Corpus());
        Assert.DoesNotContain(m["neutral-energy"].Breakdown, p => p.Component == MatchComponent.Field);
        Assert.Equal(m["neutral-energy"].Score, m["neutral-machine"].Score, 10);
    }

    [Fact]
    public void TeamWithoutCodes_GetsItsDisciplineInferredFromItsText()
    {
        var teams = Corpus().Append(Team("unlabelled-salt", "储热团队", "熔盐储热材料与熔盐储热罐。")).Append(Team("unlabelled-cnc", "机床团队", "数控机床主轴精度与数控机床误差。"));
        var m = Run(Inferring, SaltDemand, teams);
        Assert.True(m["unlabelled-salt"].ValueOf(MatchComponent.Field) > m["unlabelled-cnc"].ValueOf(MatchComponent.Field));
    }

    [Fact]
    public void ExcludedItem_DoesNotTeachTheModelItsOwnLabel()
    {
        // The team that teaches 53010 has the demand's exact text: excluded (as a demand's own source document), its label must not count.
        var own = Team("own", "钛合金激光焊接", "钛合金薄板激光焊接接头组织与性能。", "53010");
        var demand = new DemandDoc { Id = "q-own", Title = "钛合金激光焊接", Description = "钛合金薄板激光焊接接头组织与性能。" };
        var teams = Corpus().Append(own).Append(Team("other-53010", "工程应用团队", "面向产业开展工程应用。", "53010")).ToArray();
        var included = Run(Inferring, demand, teams);
        var excluded = Run(Inferring, demand, teams, new MatchOptions { Take = 100, ExcludeIds = ["own"] });
        Assert.Contains(included["other-53010"].Reasons, r => r.StartsWith("学科: 53010", StringComparison.Ordinal));
        Assert.True(excluded["other-53010"].ValueOf(MatchComponent.Field) < included["other-53010"].ValueOf(MatchComponent.Field));
    }

    [Fact]
    public void NeighbourVotes_AddTheDisciplinesOfTheBestTextMatches()
    {
        var voting = Inferring.Clone();
        voting.DisciplineNeighbours = 3;
        voting.DisciplineNeighbourWeight = 1;
        var m = Run(voting, SaltDemand, Corpus());
        // Only 48040 teams share the demand's words, so with votes alone the demand is all 48040.
        Assert.Equal(1.0, m["neutral-energy"].ValueOf(MatchComponent.Field), 6);
        Assert.Equal(0.0, m["neutral-machine"].ValueOf(MatchComponent.Field), 6);
    }

    [Fact]
    public void LargeCollection_CandidatesComeFromTheInvertedIndex_AndEligibilityStaysHard()
    {
        var fillers = Enumerable.Range(0, 300).Select(i => Team($"filler-{i}", $"机床团队{i}", "数控机床主轴与进给系统。", "46020"));
        var target = Team("target", "熔盐储热罐团队", "熔盐储热罐寿命与熔盐储热材料。", "48040");
        var enterprise = target with { Id = "enterprise", OrgType = "Enterprise" };
        var weights = new MatchWeights { Candidates = 20 };
        var demand = SaltDemand with { EligibleOrgTypes = ["University"] };
        var m = Run(weights, demand, fillers.Append(target).Append(enterprise), new MatchOptions { Take = 5 });
        Assert.Equal("target", m.Values.OrderByDescending(x => x.Score).First().CandidateId);
        Assert.DoesNotContain("enterprise", m.Keys);
    }
}
