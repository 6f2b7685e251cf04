using Matchmaking.Core.Matching;
using Matchmaking.Core.Search;

namespace Matchmaking.Core.Tests.Matching;

public class MatchScorerTests
{
    private sealed class FixedTime(int year) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(year, 6, 1, 0, 0, 0, TimeSpan.Zero);
    }

    private static readonly SynonymSet Synonyms = new([["熔盐泵", "长轴熔盐泵", "molten salt pump"]]);

    private static MatchScorer Scorer(MatchWeights? weights = null) => new(weights ?? new MatchWeights(), new FixedTime(2025));

    /// <summary>Profiles with the same neutral text, so only the component under test differs.</summary>
    private static CapabilityDoc Team(string id, string[]? skills = null, string[]? fields = null, string? region = null,
        string orgType = "University", Achievement[]? achievements = null, string summary = "面向产业链开展装备研发与工程应用。") => new()
    {
        Id = id,
        Name = "装备研发团队",
        Summary = summary,
        Skills = skills ?? [],
        FieldCodes = fields ?? [],
        RegionCode = region,
        OrgType = orgType,
        Achievements = achievements ?? [],
    };

    private static DemandDoc Demand(string[]? skills = null, string[]? fields = null, string? region = null, string[]? eligible = null) => new()
    {
        Id = "d-1",
        Title = "装备研发",
        Description = "需要工程应用能力",
        Skills = skills ?? [],
        FieldCodes = fields ?? [],
        RegionCode = region,
        EligibleOrgTypes = eligible ?? [],
    };

    private static Dictionary<string, Match> Run(DemandDoc demand, params CapabilityDoc[] teams)
    {
        using var index = new CapabilityIndex(Synonyms);
        index.Upsert(teams);
        return Scorer().MatchCapabilities(demand, index, new MatchOptions { Take = 100 }).ToDictionary(m => m.CandidateId);
    }

    [Fact]
    public void MoreMatchedSkills_ScoreHigher()
    {
        var m = Run(Demand(skills: ["熔盐泵", "高温合金"]),
            Team("both", skills: ["熔盐泵", "高温合金"]), Team("one", skills: ["熔盐泵"]), Team("none", skills: ["数控机床"]));
        Assert.True(m["both"].ValueOf(MatchComponent.Skill) > m["one"].ValueOf(MatchComponent.Skill));
        Assert.True(m["one"].ValueOf(MatchComponent.Skill) > m["none"].ValueOf(MatchComponent.Skill));
        Assert.True(m["both"].Score > m["one"].Score && m["one"].Score > m["none"].Score);
    }

    [Theory]
    [InlineData(10, 0)] // term feedback only
    [InlineData(0, 20)] // neighbour feedback only
    public void Feedback_does_not_lift_the_feedback_documents_by_their_own_unique_words(int feedbackDocs, int neighbourDocs)
    {
        // 30 teams with the same text but a unique word each (their number): feedback takes words (or a centroid) from the
        // best few, and a word no other team holds would lift exactly those few above their equals.
        var teams = Enumerable.Range(0, 30).Select(i => Team($"t{i}", summary: $"研究高温熔盐泵的密封与叶轮设计，编号 zx{i}q。")).ToArray();
        using var index = new CapabilityIndex(Synonyms);
        index.Upsert(teams);
        var m = Scorer(new MatchWeights { FeedbackDocs = feedbackDocs, NeighbourDocs = neighbourDocs })
            .MatchCapabilities(Demand() with { Title = "熔盐泵密封", Description = "高温熔盐泵密封寿命不足" }, index, new MatchOptions { Take = 100 })
            .ToDictionary(x => x.CandidateId);
        Assert.Equal(30, m.Count);
        var text = m.Values.Select(x => x.ValueOf(MatchComponent.Text)).ToArray();
        Assert.True(text.Max() - text.Min() < 1e-9, $"text scores differ: {text.Min()}..{text.Max()}");
    }

    [Fact]
    public void RareSkill_OutweighsCommonSkill()
    {
        var fillers = Enumerable.Range(0, 6).Select(i => Team($"filler-{i}", skills: ["机械设计"]));
        var m = Run(Demand(skills: ["熔盐泵", "机械设计"]),
            [Team("rare", skills: ["熔盐泵"]), Team("common", skills: ["机械设计"]), .. fillers]);
        Assert.True(m["rare"].ValueOf(MatchComponent.Skill) > m["common"].ValueOf(MatchComponent.Skill));
        Assert.True(m["rare"].Score > m["common"].Score);
    }

    [Fact]
    public void Skill_MatchesThroughSynonyms_AndPartlyInProfileText()
    {
        var m = Run(Demand(skills: ["熔盐泵"]),
            Team("synonym", skills: ["长轴熔盐泵"]),
            Team("text", summary: "研制熔盐泵样机并开展工程应用。"),
            Team("none"));
        Assert.Equal(1.0, m["synonym"].ValueOf(MatchComponent.Skill), 6);
        Assert.Equal(new MatchWeights().SkillInTextCredit, m["text"].ValueOf(MatchComponent.Skill), 6);
        Assert.Contains("技能: 长轴熔盐泵", m["synonym"].Reasons);
        Assert.Contains(m["text"].Reasons, r => r.StartsWith("技能: 熔盐泵（见于介绍）", StringComparison.Ordinal));
        Assert.Equal(0, m["none"].ValueOf(MatchComponent.Skill));
    }

    [Fact]
    public void Field_ExactCode_BeatsSameFirstLevel_BeatsNone()
    {
        var m = Run(Demand(fields: ["48040"]),
            Team("exact", fields: ["48040"]), Team("first", fields: ["48070"]), Team("none", fields: ["46020"]));
        Assert.Equal(1.0, m["exact"].ValueOf(MatchComponent.Field));
        Assert.Equal(0.5, m["first"].ValueOf(MatchComponent.Field));
        Assert.Equal(0.0, m["none"].ValueOf(MatchComponent.Field));
        Assert.True(m["exact"].Score > m["first"].Score && m["first"].Score > m["none"].Score);
        Assert.Contains("学科: 48040", m["exact"].Reasons);
    }

    [Fact]
    public void Evidence_RecentAchievement_BeatsOldOne_BeatsNone()
    {
        var m = Run(Demand(skills: ["熔盐泵"]),
            Team("recent", skills: ["熔盐泵"], achievements: [new("patent", "一种熔盐泵密封结构", 2024)]),
            Team("old", skills: ["熔盐泵"], achievements: [new("patent", "一种熔盐泵密封结构", 2008)]),
            Team("unrelated", skills: ["熔盐泵"], achievements: [new("patent", "一种数控机床夹具", 2024)]));
        Assert.True(m["recent"].ValueOf(MatchComponent.Evidence) > m["old"].ValueOf(MatchComponent.Evidence));
        Assert.True(m["old"].ValueOf(MatchComponent.Evidence) > m["unrelated"].ValueOf(MatchComponent.Evidence));
        Assert.True(m["recent"].Score > m["old"].Score && m["old"].Score > m["unrelated"].Score);
        Assert.Contains("成果: 2024 专利《一种熔盐泵密封结构》", m["recent"].Reasons);
    }

    [Fact]
    public void Region_SameCity_BeatsSameProvince_BeatsOther()
    {
        var m = Run(Demand(region: "620100"),
            Team("city", region: "620102"), Team("province", region: "620900"), Team("other", region: "610100"), Team("unknown"));
        Assert.True(m["city"].Score > m["province"].Score);
        Assert.True(m["province"].Score > m["other"].Score);
        Assert.Equal(m["other"].Score, m["unknown"].Score, 10);
        Assert.Equal(0, m["other"].ValueOf(MatchComponent.Region));
    }

    [Fact]
    public void Eligibility_IsHard_EvenForThePerfectMatch()
    {
        var perfect = Team("perfect", skills: ["熔盐泵", "高温合金"], fields: ["48040"], region: "620100", orgType: "Enterprise",
            achievements: [new("patent", "熔盐泵", 2025)], summary: "装备研发 工程应用 熔盐泵 高温合金");
        var weak = Team("weak", orgType: "University");
        var unknown = Team("unknown-type", skills: ["熔盐泵"]) with { OrgType = null };
        var m = Run(Demand(skills: ["熔盐泵", "高温合金"], fields: ["48040"], region: "620100", eligible: ["University", "ResearchInstitute"]),
            perfect, weak, unknown);
        Assert.DoesNotContain("perfect", m.Keys);
        Assert.DoesNotContain("unknown-type", m.Keys);
        Assert.Contains("weak", m.Keys);

        var open = Run(Demand(skills: ["熔盐泵"]), perfect, weak);
        Assert.Equal("perfect", open.Values.OrderByDescending(x => x.Score).First().CandidateId);
    }

    [Fact]
    public void Reasons_CorrespondToContributingComponents()
    {
        var m = Run(Demand(skills: ["熔盐泵", "高温合金"], fields: ["48040"], region: "620100"),
            Team("all", skills: ["熔盐泵"], fields: ["48010"], region: "620100", achievements: [new("paper", "高温合金蠕变", 2020)]),
            Team("text-only", fields: ["11010"], region: "110000"),
            Team("skill-in-text", summary: "熔盐泵工程应用"));
        var labels = new Dictionary<MatchComponent, string>
        {
            [MatchComponent.Text] = "文本: ",
            [MatchComponent.Skill] = "技能: ",
            [MatchComponent.Field] = "学科: ",
            [MatchComponent.Evidence] = "成果: ",
            [MatchComponent.Region] = "地区: ",
        };
        Assert.Equal(3, m.Count);
        foreach (var match in m.Values)
        {
            Assert.Equal(5, match.Breakdown.Count);
            foreach (var part in match.Breakdown)
            {
                Assert.Equal(part.Contribution > 0, part.Reasons.Count > 0);
                Assert.All(part.Reasons, r => Assert.StartsWith(labels[part.Component], r, StringComparison.Ordinal));
            }
            Assert.Equal(match.Breakdown.Where(p => p.Contribution > 0).SelectMany(p => p.Reasons), match.Reasons);
            var expected = match.Breakdown.Sum(p => p.Contribution) / match.Breakdown.Sum(p => p.Weight);
            Assert.Equal(expected, match.Score, 10);
        }
        var all = m["all"];
        Assert.All(all.Breakdown, p => Assert.True(p.Contribution > 0, p.Component.ToString()));
        Assert.Contains("地区: 同市（620100）", all.Reasons);
        Assert.Contains("学科: 480（同一级学科）", all.Reasons);
        Assert.Empty(m["text-only"].Breakdown.Single(p => p.Component == MatchComponent.Skill).Reasons);
    }

    [Fact]
    public void ExcludedIds_NeverAppear_AndUpsertReplacesFeatures()
    {
        using var index = new CapabilityIndex(Synonyms);
        index.Upsert([Team("a", skills: ["熔盐泵"]), Team("b", skills: ["熔盐泵"])]);
        var scorer = Scorer();
        var demand = Demand(skills: ["熔盐泵"]);
        Assert.Equal(["b"], scorer.MatchCapabilities(demand, index, new MatchOptions { ExcludeIds = ["a"] }).Select(x => x.CandidateId));

        index.Upsert([Team("a", skills: ["数控机床"])]);
        var byId = scorer.MatchCapabilities(demand, index).ToDictionary(x => x.CandidateId);
        Assert.Equal(0, byId["a"].ValueOf(MatchComponent.Skill));
        Assert.Equal(1, byId["b"].ValueOf(MatchComponent.Skill));
        Assert.True(index.Delete("b"));
        Assert.Equal(["a"], scorer.MatchCapabilities(demand, index).Select(x => x.CandidateId));
    }

    [Fact]
    public void Scores_after_writes_equal_those_of_a_store_built_fresh_from_the_same_profiles()
    {
        // The store caches per-term idf, per-item vector norms and inferred disciplines between writes; a write
        // must drop them all, or the scores drift from what the current collection gives.
        var demand = new DemandDoc { Id = "d-9", Title = "熔盐泵高温轴系", Description = "光热电站熔盐泵的高温轴系、机械密封与储热材料。" };
        var weights = new MatchWeights { NeighbourDocs = 3, NeighbourWeight = 0.5 };
        static string Render(IEnumerable<Match> matches) =>
            string.Join("\n", matches.Select(m => $"{m.CandidateId} {m.Score:F9} {string.Join("|", m.Reasons)}"));

        using var updated = new CapabilityIndex(Synonyms);
        updated.Upsert(Teams);
        var before = Render(Scorer(weights).MatchCapabilities(demand, updated, new MatchOptions { Take = 10 }));
        var extra = new CapabilityDoc { Id = "seal", Name = "机械密封团队", Summary = "研究高温机械密封和熔盐泵轴封。", Skills = ["机械密封"], OrgType = "University" };
        updated.Upsert([extra, Teams[1] with { Summary = "研究熔盐泵储热罐和高温熔盐腐蚀。" }]);
        Assert.True(updated.Delete("steel"));
        var after = Render(Scorer(weights).MatchCapabilities(demand, updated, new MatchOptions { Take = 10 }));

        using var fresh = new CapabilityIndex(Synonyms);
        fresh.Upsert([Teams[0], Teams[1] with { Summary = "研究熔盐泵储热罐和高温熔盐腐蚀。" }, Teams[2], Teams[4], extra]);
        Assert.Equal(Render(Scorer(weights).MatchCapabilities(demand, fresh, new MatchOptions { Take = 10 })), after);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Text_reason_joins_shared_bigrams_into_the_words_both_texts_hold()
    {
        var demand = new DemandDoc { Id = "d-8", Title = "熔盐泵研制", Description = "需要高温熔盐泵的轴系设计。" };
        var whole = new CapabilityDoc { Id = "whole", Name = "熔盐泵团队", Summary = "研究高温熔盐泵轴系。", OrgType = "University" };
        // Holds the bigrams 熔盐 and 盐泵, but never the word 熔盐泵.
        var apart = new CapabilityDoc { Id = "apart", Name = "储热团队", Summary = "研究熔盐储热与盐泵站。", OrgType = "University" };
        using var index = new CapabilityIndex(Synonyms);
        index.Upsert([whole, apart]);
        var reasons = Scorer().MatchCapabilities(demand, index, new MatchOptions { Take = 10 })
            .ToDictionary(m => m.CandidateId, m => m.Reasons.Single(r => r.StartsWith("文本: ", StringComparison.Ordinal))["文本: ".Length..].Split(", "));

        Assert.Contains("熔盐泵", reasons["whole"]);
        Assert.DoesNotContain("盐泵", reasons["whole"]);
        Assert.DoesNotContain(reasons["apart"], r => r.Contains("熔盐泵", StringComparison.Ordinal));
        Assert.Contains("熔盐", reasons["apart"]);
    }

    [Fact]
    public void Text_reason_joins_words_that_only_the_skills_spell()
    {
        // The demand names 复合材料 only as a skill, the team only in its skills: the words still read whole.
        var demand = new DemandDoc { Id = "d-6", Title = "储氢气瓶研制", Description = "需要缠绕成型工艺。", Skills = ["碳纤维复合材料"] };
        var team = new CapabilityDoc { Id = "t", Name = "叶片团队", Summary = "研究风电叶片的缠绕成型。", Skills = ["碳纤维复合材料"], OrgType = "University" };
        using var index = new CapabilityIndex(Synonyms);
        index.Upsert([team]);
        var reason = Scorer().MatchCapabilities(demand, index).Single().Reasons.Single(r => r.StartsWith("文本: ", StringComparison.Ordinal));

        Assert.Contains("碳纤维复合材料", reason["文本: ".Length..].Split(", "));
    }

    private static readonly CapabilityDoc[] Teams =
    [
        new() { Id = "salt", Name = "高温熔盐泵研发团队", Summary = "研究565℃长轴熔盐泵水力设计、高温轴系和机械密封。", Skills = ["长轴熔盐泵", "机械密封"], FieldCodes = ["47030"], OrgType = "University", RegionCode = "620100",
            Achievements = [new("patent", "长轴熔盐泵轴承冷却结构", 2023)] },
        new() { Id = "storage", Name = "熔盐储热材料团队", Summary = "研究硝酸盐熔盐储热材料和储热罐腐蚀。", Skills = ["熔盐储热", "熔盐腐蚀"], FieldCodes = ["48040"], OrgType = "ResearchInstitute", RegionCode = "620900" },
        new() { Id = "hydrogen", Name = "电解水制氢团队", Summary = "研究碱性电解槽和析氢催化剂。", Skills = ["碱性电解槽"], FieldCodes = ["48070"], OrgType = "University", RegionCode = "620100" },
        new() { Id = "steel", Name = "精密轧制团队", Summary = "研究手撕钢二十辊轧机轧制和板形控制。", Skills = ["二十辊轧机", "板形控制"], FieldCodes = ["45050"], OrgType = "Enterprise", RegionCode = "620200" },
        new() { Id = "pump", Name = "离心泵水力设计团队", Summary = "研究离心泵水力设计、空化和CFD。", Skills = ["离心泵"], FieldCodes = ["47030"], OrgType = "University", RegionCode = "610100" },
    ];

    [Fact]
    public void EndToEnd_MoltenSaltPumpDemand_RanksTheRightTeamsFirst()
    {
        using var index = new CapabilityIndex(Synonyms);
        index.Upsert(Teams);
        var demand = new DemandDoc
        {
            Id = "d-7", Title = "超高温熔盐泵国产化", Description = "光热电站需要565℃以上长期运行的熔盐泵，解决高温轴系与机械密封。",
            Skills = ["熔盐泵"], FieldCodes = ["47030"], RegionCode = "620100", EligibleOrgTypes = ["University", "ResearchInstitute"],
        };
        var matches = Scorer().MatchCapabilities(demand, index, new MatchOptions { Take = 10 });
        Assert.Equal("salt", matches[0].CandidateId);
        Assert.DoesNotContain(matches, x => x.CandidateId == "steel");
        Assert.Contains("技能: 长轴熔盐泵", matches[0].Reasons);
        Assert.Contains("学科: 47030", matches[0].Reasons);
        Assert.Contains(matches[0].Reasons, r => r.StartsWith("成果: 2023 专利", StringComparison.Ordinal));
        Assert.Contains(matches[0].Reasons, r => r.StartsWith("文本: ", StringComparison.Ordinal) && r.Contains("熔盐", StringComparison.Ordinal));
        Assert.InRange(matches[0].Score, 0.5, 1);
        Assert.True(matches.Zip(matches.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Equal("hydrogen", matches[^1].CandidateId);
    }

    [Fact]
    public void Reverse_ProfileToChallenges_UsesTheSameScorer_AndEligibility()
    {
        using var demands = new DemandIndex(Synonyms);
        demands.Upsert(
        [
            new DemandDoc { Id = "pump", Title = "超高温熔盐泵国产化", Description = "熔盐泵高温轴系与密封", Skills = ["熔盐泵"], FieldCodes = ["47030"], RegionCode = "620900" },
            new DemandDoc { Id = "pump-enterprise-only", Title = "熔盐泵产业化", Description = "熔盐泵批量制造", Skills = ["熔盐泵"], EligibleOrgTypes = ["Enterprise"] },
            new DemandDoc { Id = "steel", Title = "手撕钢轧制", Description = "二十辊轧机板形控制", Skills = ["二十辊轧机"] },
        ]);
        var matches = Scorer().MatchChallenges(Teams[0], demands, new MatchOptions { Take = 10 });
        Assert.Equal("pump", matches[0].CandidateId);
        Assert.DoesNotContain(matches, x => x.CandidateId == "pump-enterprise-only");
        Assert.Contains("技能: 长轴熔盐泵", matches[0].Reasons);
        Assert.Contains("地区: 同省（620100）", matches[0].Reasons);
        Assert.True(matches[0].Score > matches.Single(x => x.CandidateId == "steel").Score);
    }
}
