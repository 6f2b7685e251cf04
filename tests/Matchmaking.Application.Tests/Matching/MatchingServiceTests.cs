using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Matching;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Tests.Search;
using Matchmaking.Core.Matching;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Tests.Matching;

/// <summary>MatchingService on a real SQLite file: who may see recommendations, what they contain, and that the
/// in-memory indexes follow the database.</summary>
public sealed class MatchingServiceTests : IAsyncLifetime
{
    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }

    private static readonly DateTime Now = SearchFixture.Now;
    private SearchFixture _f = null!;
    private MatchingService _matching = null!;
    private Actor _poster = null!, _otherEnterprise = null!, _researcher = null!, _otherResearcher = null!;
    private readonly Actor _admin = new("admin", null, [Roles.Admin]);
    private int _moltenSalt, _moltenSalt2, _expired, _enterpriseOnly;
    private int _skilled, _unrelated, _enterpriseTeam, _privateTeam;

    public async Task InitializeAsync()
    {
        _f = await SearchFixture.CreateAsync();
        var clock = new FixedClock(Now);
        _matching = new MatchingService(_f.Db, clock, new ProfileService(_f.Db, clock));
        _poster = new Actor("ent-a", _f.OrgIds[0], [Roles.Enterprise]);
        _otherEnterprise = new Actor("ent-b", _f.OrgIds[1], [Roles.Enterprise]);
        _researcher = new Actor("res-1", _f.OrgIds[2], [Roles.Researcher]);
        _otherResearcher = new Actor("res-2", _f.OrgIds[2], [Roles.Researcher]);

        await using var db = await _f.Db.CreateDbContextAsync();
        Challenge Published(string title, string painPoint, IReadOnlyList<string> skills, EligibleBidders eligible, int deadlineDays)
        {
            var content = _f.Content(new Random(title.Length), title) with
            {
                Background = "光热电站储热系统需要长期运行的设备。", PainPoint = painPoint, Skills = skills, FieldCodes = ["480"],
                Eligible = eligible, BidDeadlineUtc = Now.AddDays(deadlineDays),
            };
            var c = new Challenge(_f.OrgIds[0], "ent-a", content, Now.AddDays(-30));
            c.ForceStatus(ChallengeStatus.Published, Now.AddDays(-30));
            db.Challenges.Add(c);
            return c;
        }
        var c1 = Published("超高温熔盐泵国产化", "进口高温熔盐泵寿命不足，密封易失效。", ["熔盐泵"], EligibleBidders.University | EligibleBidders.ResearchInstitute, 30);
        var c2 = Published("熔盐储热罐高温熔盐泵长轴设计", "长轴熔盐泵振动大。", ["熔盐泵"], EligibleBidders.All, 40);
        var c3 = Published("熔盐泵叶轮高温合金铸造", "熔盐泵叶轮在高温下蠕变。", ["熔盐泵"], EligibleBidders.All, -1);
        var c4 = Published("熔盐泵整机量产工艺", "熔盐泵批量制造一致性差。", ["熔盐泵"], EligibleBidders.Enterprise, 30);

        var university = await db.Organizations.FirstAsync(o => o.Id == _f.OrgIds[2]);
        CapabilityProfile Team(string name, string summary, IReadOnlyList<string> skills, string field, bool isPublic = true,
            OrganizationType? type = null, string? owner = "res-1")
        {
            var content = new ProfileContent
            {
                Name = name, LeadName = "张教授", Summary = summary, Skills = skills, FieldCodes = [field], IsPublic = isPublic,
                Achievements = [new Profiles.Achievement { Type = AchievementType.Patent, Title = "一种" + skills[0] + "结构", Year = 2024 }],
            };
            var p = type is { } t
                ? new CapabilityProfile(null, null, "外部机构", t, "620100", content, Now.AddDays(-10), imported: true)
                : new CapabilityProfile(university.Id, owner, university.Name, university.Type, university.RegionCode, content, Now.AddDays(-10));
            db.Profiles.Add(p);
            return p;
        }
        var skilled = Team("高温熔盐泵团队", "研究高温熔盐泵的密封与叶轮设计。", ["熔盐泵"], "480");
        var unrelated = Team("分布式数据库团队", "研究分布式数据库、云计算与大数据平台。", ["分布式数据库"], "520", owner: "res-2");
        var enterpriseTeam = Team("泵业公司熔盐泵研发部", "高温熔盐泵的设计制造。", ["熔盐泵"], "480", type: OrganizationType.Enterprise);
        var privateTeam = Team("保密熔盐泵课题组", "高温熔盐泵密封与寿命研究。", ["熔盐泵"], "480", isPublic: false, owner: "res-2");
        await db.SaveChangesAsync();
        (_moltenSalt, _moltenSalt2, _expired, _enterpriseOnly) = (c1.Id, c2.Id, c3.Id, c4.Id);
        (_skilled, _unrelated, _enterpriseTeam, _privateTeam) = (skilled.Id, unrelated.Id, enterpriseTeam.Id, privateTeam.Id);
    }

    public async Task DisposeAsync()
    {
        _matching.Dispose();
        await _f.DisposeAsync();
    }

    [Fact]
    public async Task TeamsForAChallenge_RankTheMatchingSkillFirst_WithReasons()
    {
        var teams = await _matching.RecommendTeamsAsync(_poster, _moltenSalt, 10);
        var ids = teams.Select(t => t.ProfileId).ToList();
        Assert.Equal(_skilled, ids[0]);
        var unrelatedRank = ids.IndexOf(_unrelated);
        Assert.True(unrelatedRank == -1 || unrelatedRank > 0);
        var best = teams[0];
        Assert.Contains(best.Reasons, r => r.Component == MatchComponent.Skill && r.Detail.Contains("熔盐泵"));
        Assert.Contains(best.Reasons, r => r.Component == MatchComponent.Field);
        Assert.Contains(best.Reasons, r => r.Component == MatchComponent.Evidence);
        Assert.Equal("高温熔盐泵团队", best.Name);
        Assert.Equal(nameof(OrganizationType.University), best.OrgType);
        Assert.InRange(best.Score, 0.0001, 1);
        Assert.Equal(teams.OrderByDescending(t => t.Score).Select(t => t.ProfileId), ids);
    }

    [Fact]
    public async Task IneligibleOrganisationTypes_NeverAppear()
    {
        foreach (var actor in new[] { _poster, _admin })
            Assert.DoesNotContain(_enterpriseTeam, (await _matching.RecommendTeamsAsync(actor, _moltenSalt, 1000)).Select(t => t.ProfileId));
        // The enterprise team is not excluded as such: a challenge open to enterprises does get it.
        Assert.Contains(_enterpriseTeam, (await _matching.RecommendTeamsAsync(_poster, _enterpriseOnly, 10)).Select(t => t.ProfileId));
    }

    [Fact]
    public async Task PrivateProfiles_AreShownToAdminsOnly()
    {
        Assert.DoesNotContain(_privateTeam, (await _matching.RecommendTeamsAsync(_poster, _moltenSalt, 1000)).Select(t => t.ProfileId));
        var forAdmin = await _matching.RecommendTeamsAsync(_admin, _moltenSalt, 1000);
        Assert.Contains(forAdmin, t => t.ProfileId == _privateTeam && !t.IsPublic);
    }

    [Fact]
    public async Task OnlyThePosterAndAdmins_MaySeeRecommendedTeams()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _matching.RecommendTeamsAsync(_otherEnterprise, _moltenSalt, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _matching.RecommendTeamsAsync(_researcher, _moltenSalt, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _matching.RecommendTeamsAsync(Actor.Anonymous, _moltenSalt, 10));
        await Assert.ThrowsAsync<NotFoundException>(() => _matching.RecommendTeamsAsync(_poster, 999_999, 10));
        Assert.NotEmpty(await _matching.RecommendTeamsAsync(_admin, _moltenSalt, 10));
    }

    [Fact]
    public async Task ChallengesForAResearcher_OpenAndEligibleOnly_WithoutThoseAlreadyBidOn()
    {
        var before = (await _matching.RecommendChallengesAsync(_researcher, 8)).Select(c => c.ChallengeId).ToList();
        Assert.Contains(_moltenSalt, before);
        Assert.Contains(_moltenSalt2, before);
        Assert.DoesNotContain(_expired, before);        // deadline passed (not yet closed by the deadline closer)
        Assert.DoesNotContain(_enterpriseOnly, before); // a university team may not bid

        await using (var db = await _f.Db.CreateDbContextAsync())
        {
            var challenge = await db.Challenges.FirstAsync(c => c.Id == _moltenSalt);
            db.Bids.Add(new Bid(_moltenSalt, _skilled, _f.OrgIds[2], "res-1", Domain.TestData.Bid(budget: challenge.BudgetWan), challenge.BudgetWan, Now, challenge.BidDeadlineUtc));
            await db.SaveChangesAsync();
        }
        var after = await _matching.RecommendChallengesAsync(_researcher, 8);
        Assert.DoesNotContain(_moltenSalt, after.Select(c => c.ChallengeId));
        var other = Assert.Single(after, c => c.ChallengeId == _moltenSalt2);
        Assert.Equal(_skilled, other.ProfileId);
        Assert.Contains(other.Reasons, r => r.Component == MatchComponent.Skill);
        Assert.True(other.DeadlineUtc > Now);
        Assert.Equal(after.OrderByDescending(c => c.Score).Select(c => c.ChallengeId), after.Select(c => c.ChallengeId));

        // Someone else's bid does not hide the challenge from this researcher.
        Assert.Contains(_moltenSalt, (await _matching.RecommendChallengesAsync(_otherResearcher, 8)).Select(c => c.ChallengeId));
        Assert.Empty(await _matching.RecommendChallengesAsync(_poster, 8)); // not a researcher
    }

    [Fact]
    public async Task Changes_InTheDatabase_AreFollowedWithoutARestart()
    {
        Assert.Contains(_skilled, (await _matching.RecommendTeamsAsync(_poster, _moltenSalt, 10)).Select(t => t.ProfileId));
        await using (var db = await _f.Db.CreateDbContextAsync())
        {
            var p = await db.Profiles.FirstAsync(x => x.Id == _skilled);
            p.Edit(p.Content with { IsPublic = false }, Now);
            var c = await db.Challenges.FirstAsync(x => x.Id == _moltenSalt2);
            c.Cancel("不再需要", Now);
            await db.SaveChangesAsync();
        }
        Assert.DoesNotContain(_skilled, (await _matching.RecommendTeamsAsync(_poster, _moltenSalt, 10)).Select(t => t.ProfileId));
        Assert.DoesNotContain(_moltenSalt2, (await _matching.RecommendChallengesAsync(_researcher, 8)).Select(c => c.ChallengeId));
        var (profiles, challenges) = await _matching.CountsAsync();
        Assert.Equal(4, profiles);
        Assert.Equal(3, challenges); // published ones; the cancelled one was removed
    }

    [Fact]
    public async Task ExternalDemands_MatchAllStoredProfiles_PublicOnlyForNonAdmins()
    {
        DemandDoc[] demands =
        [
            new() { Id = "d-1", Title = "高温熔盐泵密封", Skills = ["熔盐泵"], FieldCodes = ["480"] },
            new() { Id = "d-2", Title = "分布式数据库国产化", Skills = ["分布式数据库"] },
        ];
        var lines = await _matching.MatchDemandsAsync(Actor.System, demands, 3);
        Assert.Equal(["d-1", "d-2"], lines.Select(l => l.DemandId));
        Assert.All(lines, l => Assert.InRange(l.Matches.Count, 1, 3));
        Assert.Equal(_unrelated.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[1].Matches[0].CapabilityId);
        Assert.Contains(lines[0].Matches, m => m.CapabilityId == _privateTeam.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var anonymous = await _matching.MatchDemandsAsync(Actor.Anonymous, demands, 1000);
        Assert.DoesNotContain(anonymous[0].Matches, m => m.CapabilityId == _privateTeam.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
