using Matchmaking.Application.Auditing;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static Matchmaking.Application.Seeding.DemoChallenges;
using static Matchmaking.Application.Seeding.DemoOrganizations;
using static Matchmaking.Application.Seeding.DemoProfiles;

namespace Matchmaking.Application.Seeding;

/// <summary>A realistic demo data set: organisations, accounts, capability profiles, challenges in every
/// state and bids. Runs <see cref="ReferenceData"/> first. Does nothing (returns false) once any challenge
/// exists, so it is safe to call at every start-up. All dates are relative to the clock's now, and every
/// state is reached through the entities' own transition methods at plausible past times.</summary>
public static class DemoData
{
    public const string Password = "Demo@12345";

    /// <summary>The demo accounts to show on the sign-in page (all use <see cref="Password"/>).</summary>
    public static IReadOnlyList<(string Email, string Role, string Description)> Accounts { get; } =
        MainUsers.Select(u => (u.Email, u.Role, u.Description)).ToList();

    /// <summary>Further seeded accounts (same password): staff of the other posting enterprises and one team
    /// lead per seeded research team.</summary>
    public static IReadOnlyList<(string Email, string Role, string Description)> OtherAccounts { get; } =
        OtherPosters.Concat(DemoAwards.Reviewers).Select(u => (u.Email, u.Role, u.Description))
            .Concat(DemoProfiles.Profiles.Where(p => p.Owner == Lead)
                .Select(p => (LeadEmail(p), Roles.Researcher, $"{OrgName(p.OrgKey!)} · {p.Name}负责人")))
            .ToList();

    private const int RandomSeed = 20260611;
    private const string AdminName = "平台管理员";

    public static async Task<bool> SeedAsync(AppDbContext db, UserManager<ApplicationUser> users, TimeProvider clock,
        CancellationToken ct = default)
    {
        await ReferenceData.SeedAsync(db, ct);
        if (await db.Challenges.AnyAsync(ct)) return false;

        var now = clock.GetUtcNow().UtcDateTime;
        var rng = new Random(RandomSeed);
        var audit = new List<PendingAudit>();

        // 1. Organisations (found again by credit code, so an interrupted earlier run is completed, not duplicated).
        var orgs = await SeedOrganizationsAsync(db, now, audit, ct);

        // 2. Accounts (found again by email). Identity saves through its own store, so this runs outside the
        //    transaction below.
        var userIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var allUsers = MainUsers.Concat(OtherPosters).Concat(DemoAwards.Reviewers)
            .Concat(DemoProfiles.Profiles.Where(p => p.Owner == Lead)
                .Select(p => new UserSeed(LeadEmail(p), Roles.Researcher, p.LeadName, p.OrgKey, p.Name)));
        foreach (var u in allUsers)
            userIds[u.Email] = await EnsureUserAsync(users, u, u.OrgKey is null ? null : orgs[u.OrgKey].Id);
        var adminId = userIds["admin@demo.local"];
        var adminActor = new Actor(adminId, null, [Roles.Admin]);

        // 3. Profiles, challenges, bids and their audit trail: all or nothing.
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var profiles = new Dictionary<string, (ProfileSeed Seed, CapabilityProfile Entity)>();
        foreach (var p in DemoProfiles.Profiles)
        {
            var entity = BuildProfile(p, orgs, userIds, rng, now);
            db.Profiles.Add(entity);
            profiles[p.Key] = (p, entity);
        }

        var chains = await db.Chains.Include(c => c.Nodes).ToListAsync(ct);
        var posterUser = MainUsers.Concat(OtherPosters).Where(u => u.Role == Roles.Enterprise)
            .ToDictionary(u => u.OrgKey!, u => userIds[u.Email]);
        var challenges = new List<(ChallengeSeed Seed, Challenge Entity, Timeline Time)>();
        var index = 0;
        foreach (var c in DemoChallenges.Challenges)
        {
            var chain = chains.SingleOrDefault(x => x.Name == c.Chain)
                ?? throw new InvalidOperationException($"demo challenge {c.Key}: no chain {c.Chain}");
            var node = chain.Nodes.SingleOrDefault(n => n.Name == c.Node)
                ?? throw new InvalidOperationException($"demo challenge {c.Key}: no node {c.Node} in {c.Chain}");
            var time = Timeline.For(c, index++, now, rng);
            var content = new ChallengeContent
            {
                Title = c.Title,
                Background = Background(c, orgs[c.Poster], chain.Name, time),
                PainPoint = PainPoint(c),
                Targets = c.Targets,
                ChainId = chain.Id,
                ChainNodeId = node.Id,
                Bottleneck = c.Bottleneck,
                Skills = c.Skills,
                FieldCodes = FieldsOf(c.Skills, 3),
                BudgetWan = c.BudgetWan,
                BidDeadlineUtc = time.Deadline,
                DeliveryMonths = c.Months,
                IpArrangement = c.Ip,
                IpNotes = IpNote(c.Ip),
                Eligible = c.Eligible,
                AwardMode = c.Mode,
            };
            var author = posterUser[c.Poster];
            var challenge = new Challenge(orgs[c.Poster].Id, author, content, time.Created);
            ApplyLifecycle(challenge, c, time, author, adminId, audit);
            db.Challenges.Add(challenge);
            challenges.Add((c, challenge, time));
        }
        await db.SaveChangesAsync(ct);

        foreach (var (seed, bid) in BuildBids(challenges, profiles, orgs, now, rng))
        {
            db.Bids.Add(bid);
            var poster = challenges.Single(x => x.Entity.Id == bid.ChallengeId).Entity.CreatedByUserId;
            audit.AddRange(BidAudit(bid, seed, poster));
        }
        await db.SaveChangesAsync(ct);

        foreach (var a in audit.OrderBy(a => a.At))
            db.Record(a.ActorUserId is null && a.ActorName == AdminName || a.ActorUserId == adminId
                    ? adminActor : new Actor(a.ActorUserId, null, []), a.ActorName,
                a.EntityType, a.EntityId(), a.Action, a.At, a.From, a.To, a.Reason);
        await db.SaveChangesAsync(ct);

        // 4. Review panels, awards with 公示 and objections, milestones (every stage after the deadline).
        await DemoAwards.SeedAsync(db, userIds, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    // ——— organisations and users ———

    private static string OrgName(string key) => Orgs.Single(o => o.Key == key).Name;

    private static async Task<Dictionary<string, Organization>> SeedOrganizationsAsync(AppDbContext db, DateTime now,
        List<PendingAudit> audit, CancellationToken ct)
    {
        var existing = await db.Organizations.ToDictionaryAsync(o => o.CreditCode, ct);
        var result = new Dictionary<string, Organization>();
        for (var i = 0; i < Orgs.Count; i++)
        {
            var s = Orgs[i];
            var code = MakeCreditCode(s.Type, s.Region, i + 1);
            if (!existing.TryGetValue(code, out var org))
            {
                org = new Organization(s.Name, s.Type, code, s.Region, Regions.NameOf(s.Region) ?? s.Region)
                {
                    IsChainLeader = s.Leader,
                    IsSpecialisedSme = s.Sme,
                    CreatedAt = new DateTimeOffset(now.AddDays(-400 + i * 3), TimeSpan.Zero),
                };
                if (s.Verified)
                {
                    var at = now.AddDays(-395 + i * 3);
                    org.Verify("admin@demo.local", new DateTimeOffset(at, TimeSpan.Zero));
                    var o = org;
                    audit.Add(new PendingAudit(null, AdminName, "Organization", () => o.Id.ToString(), "verify", at,
                        "Unverified", "Verified", null));
                }
                db.Organizations.Add(org);
            }
            result[s.Key] = org;
        }
        await db.SaveChangesAsync(ct);
        return result;
    }

    private static async Task<string> EnsureUserAsync(UserManager<ApplicationUser> users, UserSeed u, int? orgId)
    {
        var user = await users.FindByEmailAsync(u.Email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = u.Email, Email = u.Email, EmailConfirmed = true, DisplayName = u.DisplayName, OrganizationId = orgId,
            };
            Check(await users.CreateAsync(user, Password), u.Email);
        }
        if (!await users.IsInRoleAsync(user, u.Role))
            Check(await users.AddToRoleAsync(user, u.Role), u.Email);
        return user.Id;
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(
                $"demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    // ——— profiles ———

    private static readonly string[] PaperAspects =
        ["关键机理与性能调控研究", "工艺参数优化及工程验证", "服役行为与失效机制研究", "多尺度数值模拟研究", "在线监测与评价方法研究"];
    private static readonly string[] PatentObjects = ["在线监测装置", "工艺控制方法", "性能测试系统", "关键部件及其制造方法"];
    private static readonly string[] ProjectSources =
        ["国家重点研发计划课题", "甘肃省科技重大专项", "甘肃省重点研发计划", "国家自然科学基金项目", "甘肃省揭榜挂帅项目"];
    private static readonly string[] AwardGrades = ["一等奖", "二等奖", "二等奖", "三等奖"];

    private static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "魏", "宋", "牛", "包"];
    private static readonly string[] GivenNames =
        ["建华", "晓燕", "志强", "丽娟", "海军", "文博", "雪梅", "国栋", "思远", "佳怡", "宏伟", "春燕", "永红", "明轩", "子涵",
         "立新", "秀兰", "浩然", "雅琴", "俊杰", "晨曦", "玉梅", "鹏飞", "欣怡"];

    private static CapabilityProfile BuildProfile(ProfileSeed p, Dictionary<string, Organization> orgs,
        Dictionary<string, string> userIds, Random rng, DateTime now)
    {
        Organization? org = p.OrgKey is null ? null : orgs[p.OrgKey];
        var orgName = org?.Name ?? p.ExtOrgName!;
        var owner = p.Owner switch { null => null, Lead => userIds[LeadEmail(p)], var email => userIds[email] };

        var members = new List<string>();
        var memberCount = 3 + rng.Next(4);
        while (members.Count < memberCount)
        {
            var name = Surnames[rng.Next(Surnames.Length)] + GivenNames[rng.Next(GivenNames.Length)];
            if (name != p.LeadName && !members.Contains(name)) members.Add(name);
        }

        var achievements = new List<Achievement>();
        var achievementCount = 2 + rng.Next(5);
        var maxYear = Math.Min(2026, now.Year);
        for (var i = 0; i < achievementCount; i++)
        {
            var skill = p.Skills[i % p.Skills.Length];
            var type = (AchievementType)(1 + (i + rng.Next(2)) % 4);
            var title = type switch
            {
                AchievementType.Paper => skill + PaperAspects[rng.Next(PaperAspects.Length)],
                AchievementType.Patent => "一种用于" + skill + "的" + PatentObjects[rng.Next(PatentObjects.Length)],
                AchievementType.Project => $"{ProjectSources[rng.Next(ProjectSources.Length)]}：{skill}关键技术研究与示范",
                _ => $"甘肃省科技进步{AwardGrades[rng.Next(AwardGrades.Length)]}（{skill}关键技术及产业化）",
            };
            achievements.Add(new Achievement { Type = type, Title = title, Year = rng.Next(2016, maxYear + 1) });
        }

        var content = new ProfileContent
        {
            Name = p.Name,
            LeadName = p.LeadName,
            Members = members,
            FieldCodes = FieldsOf(p.Skills, 4),
            Skills = p.Skills,
            Summary = Summary(p, orgName, members.Count + 1, rng),
            Achievements = achievements.OrderByDescending(a => a.Year).ToList(),
            Platforms = p.Platforms,
        };
        var created = now.AddDays(-300 + rng.Next(200));
        var region = org?.RegionCode ?? p.ExtRegion;
        var profile = new CapabilityProfile(org?.Id, owner, orgName, org?.Type ?? p.ExtOrgType, region, content, created);
        if (org is null) profile.ExternalId = "demo-" + p.Key;
        return profile;
    }

    internal static string Summary(ProfileSeed p, string orgName, int size, Random rng)
    {
        var s = p.Skills;
        var (s0, s1, s2) = (s[0], s[1 % s.Length], s[2 % s.Length]);
        var platform = p.Platforms.Length > 0 ? p.Platforms[0] : "校级研究平台";
        return rng.Next(3) switch
        {
            0 => $"{p.Name}依托{orgName}{platform}，长期从事{p.Focus}研究。团队在{s0}、{s1}和{s2}等方向形成了从机理研究、关键工艺到工程验证的完整能力，"
                 + "近五年承担国家重点研发计划课题和省级科技重大专项多项，与省内链主企业建立了稳定的产学研合作，可承担相关技术攻关、中试放大与现场示范任务。",
            1 => $"团队由{p.LeadName}领衔，聚焦{p.Focus}。围绕{s0}与{s1}，团队建成了{platform}，掌握了{s2}等核心技术，相关成果已在甘肃、青海、宁夏等地的重点工程中应用。"
                 + "团队坚持“需求牵引、工程导向”，擅长把实验室成果推进到中试和工程示范。",
            _ => $"{p.Name}是{orgName}面向产业一线组建的攻关团队，研究方向为{p.Focus}。团队现有骨干{size}人，拥有{platform}等平台条件，"
                 + $"在{s0}、{s1}方面积累了大量试验数据与工程经验，并围绕{s2}与上下游企业开展联合攻关，具备承接揭榜挂帅项目的组织与交付能力。",
        };
    }

    /// <summary>Discipline codes of skills, from the vocabulary, most frequent first.</summary>
    private static List<string> FieldsOf(IEnumerable<string> skills, int max)
    {
        var bySkill = ReferenceData.Skills.ToDictionary(s => s.Name, s => s.Fields);
        var codes = skills.SelectMany((s, i) => bySkill.TryGetValue(s, out var f) ? f.Select((c, j) => (c, rank: i + j * 10)) : [])
            .GroupBy(x => x.c).OrderByDescending(g => g.Count()).ThenBy(g => g.Min(x => x.rank)).Select(g => g.Key).Take(max).ToList();
        return codes.Count > 0 ? codes : ["410"];
    }

    // ——— challenges ———

    /// <summary>When a challenge was created, submitted, decided, closed, awarded, completed; all ≤ now.</summary>
    private sealed record Timeline(DateTime Created, DateTime Submitted, DateTime Decided, DateTime Deadline,
        DateTime? Awarded, DateTime? Completed)
    {
        public static Timeline For(ChallengeSeed c, int index, DateTime now, Random rng)
        {
            DateTime Days(double d) => now.AddDays(d).AddMinutes(-rng.Next(600));
            switch (c.Status)
            {
                case ChallengeStatus.Draft:
                {
                    var created = Days(-1 - rng.Next(20));
                    return new(created, created, created, now.Date.AddDays(60 + rng.Next(120)).AddHours(9), null, null);
                }
                case ChallengeStatus.PendingReview:
                {
                    var created = Days(-6 - rng.Next(20));
                    return new(created, Days(-1 - rng.Next(4)), now, now.Date.AddDays(45 + rng.Next(100)).AddHours(9), null, null);
                }
                case ChallengeStatus.Rejected:
                {
                    var created = Days(-30 - rng.Next(10));
                    return new(created, created.AddDays(5), created.AddDays(8), now.Date.AddDays(40 + rng.Next(80)).AddHours(9), null, null);
                }
                case ChallengeStatus.Published:
                case ChallengeStatus.Cancelled when index % 2 == 0:
                {
                    var created = Days(-20 - rng.Next(45));
                    return new(created, created.AddDays(1), created.AddDays(3), now.Date.AddDays(15 + rng.Next(140)).AddHours(9), null, null);
                }
                case ChallengeStatus.Cancelled:
                {
                    var created = Days(-15 - rng.Next(20));
                    return new(created, created, created, now.Date.AddDays(50 + rng.Next(60)).AddHours(9), null, null);
                }
                case ChallengeStatus.Closed:
                {
                    var deadline = now.Date.AddDays(-3 - rng.Next(25)).AddHours(9);
                    var created = deadline.AddDays(-70 - rng.Next(30));
                    return new(created, created.AddDays(1), created.AddDays(3), deadline, null, null);
                }
                case ChallengeStatus.Awarded:
                {
                    var deadline = now.Date.AddDays(-40 - rng.Next(120)).AddHours(9);
                    var created = deadline.AddDays(-70 - rng.Next(30));
                    return new(created, created.AddDays(1), created.AddDays(3), deadline, deadline.AddDays(20 + rng.Next(15)), null);
                }
                default: // Completed
                {
                    var deadline = now.Date.AddDays(-(c.Months * 30 + 60 + rng.Next(90))).AddHours(9);
                    var created = deadline.AddDays(-70 - rng.Next(30));
                    var awarded = deadline.AddDays(25);
                    var completed = awarded.AddMonths(c.Months);
                    if (completed > now.AddDays(-3)) completed = now.AddDays(-3);
                    return new(created, created.AddDays(1), created.AddDays(3), deadline, awarded, completed);
                }
            }
        }
    }

    private static void ApplyLifecycle(Challenge c, ChallengeSeed s, Timeline t, string author, string adminId,
        List<PendingAudit> audit)
    {
        var posterName = OrgName(s.Poster);
        void Log(string? actor, string actorName, string action, DateTime at, ChallengeStatus from, string? reason = null) =>
            audit.Add(new PendingAudit(actor, actorName, "Challenge", () => c.Id.ToString(), action, at, from.ToString(),
                c.Status.ToString(), reason));

        audit.Add(new PendingAudit(author, posterName, "Challenge", () => c.Id.ToString(), "create", t.Created, null, "Draft", null));
        if (s.Status == ChallengeStatus.Draft) return;
        if (s.Status == ChallengeStatus.Cancelled && t.Submitted == t.Created)
        {
            c.Cancel(s.Reason ?? "需求调整，撤榜", t.Created.AddDays(2));
            Log(author, posterName, "cancel", t.Created.AddDays(2), ChallengeStatus.Draft, c.CancellationReason);
            return;
        }

        c.SubmitForReview(t.Submitted);
        Log(author, posterName, "submit", t.Submitted, ChallengeStatus.Draft);
        if (s.Status == ChallengeStatus.PendingReview) return;
        if (s.Status == ChallengeStatus.Rejected)
        {
            c.Reject(s.Reason ?? "内容不完整，请补充后重新提交", t.Decided);
            Log(adminId, AdminName, "reject", t.Decided, ChallengeStatus.PendingReview, c.RejectionReason);
            return;
        }

        c.Approve(t.Decided);
        Log(adminId, AdminName, "approve", t.Decided, ChallengeStatus.PendingReview);
        switch (s.Status)
        {
            case ChallengeStatus.Cancelled:
            {
                var at = t.Decided.AddDays(7);
                c.Cancel(s.Reason ?? "需求调整，撤榜", at);
                Log(author, posterName, "cancel", at, ChallengeStatus.Published, c.CancellationReason);
                return;
            }
            case ChallengeStatus.Published:
                return;
        }

        c.CloseIfDue(t.Deadline.AddMinutes(1));
        Log(null, "系统", "close", t.Deadline.AddMinutes(1), ChallengeStatus.Published);
        if (s.Status == ChallengeStatus.Closed) return;

        c.Award(t.Awarded!.Value);
        Log(author, posterName, "award", t.Awarded.Value, ChallengeStatus.Closed);
        if (s.Status == ChallengeStatus.Awarded) return;

        c.Complete(t.Completed!.Value);
        Log(author, posterName, "complete", t.Completed.Value, ChallengeStatus.Awarded);
    }

    private static string Background(ChallengeSeed c, Organization poster, string chain, Timeline t)
    {
        var role = poster.IsChainLeader ? "链主企业" : poster.IsSpecialisedSme ? "专精特新企业" : "重点企业";
        return $"{poster.Name}是省{chain}产业链{role}。{c.Background}本需求经企业技术委员会论证，"
               + $"已列入{t.Created.Year}年{chain}产业链关键核心技术需求清单，拟通过“揭榜挂帅”方式面向社会征集攻关团队。";
    }

    private static string PainPoint(ChallengeSeed c) => c.Pain + (c.Bottleneck switch
    {
        BottleneckType.Chokepoint => "目前该环节核心部件或工艺受制于人，供货周期长、价格高，存在断供风险，亟需实现自主可控。",
        BottleneckType.Blockage => "现有国产方案虽然可用，但成本高、稳定性不足，制约了规模化应用和产业链降本增效。",
        _ => "省内尚无团队系统开展该方向研究，需要引进省内外优势力量联合攻关，填补空白。",
    });

    private static string IpNote(IpArrangement ip) => ip switch
    {
        IpArrangement.PosterOwns => "攻关形成的知识产权归发榜方所有，揭榜方享有署名权和非商业性使用权。",
        IpArrangement.BidderOwns => "知识产权归揭榜方所有，发榜方享有免费实施许可。",
        IpArrangement.Shared => "背景知识产权归各自所有，攻关新产生的知识产权由双方共有，收益按合同约定分配。",
        _ => "知识产权归属在签订攻关合同时由双方协商确定。",
    };

    // ——— bids ———

    private static IEnumerable<(ProfileSeed Seed, Bid Bid)> BuildBids(
        List<(ChallengeSeed Seed, Challenge Entity, Timeline Time)> challenges,
        Dictionary<string, (ProfileSeed Seed, CapabilityProfile Entity)> profiles,
        Dictionary<string, Organization> orgs, DateTime now, Random rng)
    {
        var index = 0;
        foreach (var (seed, challenge, time) in challenges)
        {
            index++;
            if (seed.Status is not (ChallengeStatus.Published or ChallengeStatus.Closed or ChallengeStatus.Awarded
                or ChallengeStatus.Completed)) continue;

            bool CanBid(CapabilityProfile p) =>
                p.OrganizationId is { } orgId && orgId != challenge.PosterOrganizationId && p.OwnerUserId is not null
                && challenge.Admits(p.OrgType) && orgs.Values.Single(o => o.Id == orgId).IsVerified;

            var plan = new List<(string Profile, BidStatus? Status)>();
            foreach (var f in Forced.Where(f => f.Challenge == seed.Key))
                if (CanBid(profiles[f.Profile].Entity)) plan.Add((f.Profile, f.Status));

            var wanted = seed.Status switch
            {
                ChallengeStatus.Published => 1 + index % 3,
                ChallengeStatus.Closed => 2 + index % 2,
                _ => 2 + index % 3,
            };
            var candidates = profiles.Values
                .Where(p => CanBid(p.Entity) && plan.All(x => x.Profile != p.Seed.Key))
                .Select(p => (p.Seed.Key, Skill: p.Entity.Skills.Intersect(challenge.Skills).Count(),
                    Field: p.Entity.FieldCodes.Intersect(challenge.FieldCodes).Count()))
                .Where(x => x.Skill > 0 || x.Field > 1)
                .OrderByDescending(x => x.Skill * 10 + x.Field).ThenBy(x => x.Key, StringComparer.Ordinal)
                .Take(Math.Max(0, wanted - plan.Count));
            plan.AddRange(candidates.Select(x => (x.Key, (BidStatus?)null)));

            var winners = seed.Mode == AwardMode.Parallel ? 2 : 1;
            var selected = plan.Count(x => x.Status == BidStatus.Selected);
            for (var i = 0; i < plan.Count; i++)
            {
                var status = plan[i].Status ?? seed.Status switch
                {
                    ChallengeStatus.Published => i == 1 && index % 2 == 0 ? BidStatus.Draft : i == 2 ? BidStatus.Withdrawn : BidStatus.Submitted,
                    ChallengeStatus.Closed => i == 1 ? BidStatus.Shortlisted : i == 3 ? BidStatus.Withdrawn : BidStatus.Submitted,
                    _ => selected < winners && i < 3 ? BidStatus.Selected : i == 3 ? BidStatus.Withdrawn : BidStatus.NotSelected,
                };
                if (status == BidStatus.Selected) selected += plan[i].Status is null ? 1 : 0;
                var p = profiles[plan[i].Profile];
                yield return (p.Seed, BuildBid(challenge, time, p.Entity, status, i, now, rng));
            }
        }
    }

    private static Bid BuildBid(Challenge c, Timeline t, CapabilityProfile p,
        BidStatus status, int order, DateTime now, Random rng)
    {
        // Bids are drafted after publication, before the deadline and before now.
        var open = t.Decided.AddDays(2 + order);
        var end = t.Deadline < now ? t.Deadline.AddDays(-1) : now.AddHours(-2);
        if (end <= open) end = open.AddHours(12);
        var drafted = open.AddMinutes(rng.NextDouble() * (end - open).TotalMinutes * 0.7);
        var submitted = drafted.AddMinutes((end - drafted).TotalMinutes * (0.2 + rng.NextDouble() * 0.5));

        var matched = p.Skills.Intersect(c.Skills).ToList();
        if (matched.Count == 0) matched = p.Skills.Take(2).ToList();
        var budget = Math.Max(5m, Math.Min(c.BudgetWan, Math.Round(c.BudgetWan * (0.6m + (decimal)rng.NextDouble() * 0.4m) / 5m) * 5m));
        var content = new BidContent
        {
            TechnicalApproach = Approach(c, p, matched, order),
            MilestonePlan = Milestones(c, matched[0]),
            BudgetAskedWan = budget,
            TeamDescription = $"{p.LeadName}（负责人）牵头，核心成员{string.Join("、", p.Members)}，共{p.Members.Count + 1}人，"
                              + $"依托{string.Join("、", p.Platforms)}，近年来在{string.Join("、", p.Skills.Take(3))}等方向持续开展研究与工程应用。",
            PriorResults = string.Join("；", p.Achievements.Select(a => $"{a.Title}（{a.Year}）")),
        };
        var bid = new Bid(c.Id, p.Id, p.OrganizationId!.Value, p.OwnerUserId!, content, c.BudgetWan, drafted, c.BidDeadlineUtc);
        if (status == BidStatus.Draft) return bid;
        bid.Submit(submitted, c.BidDeadlineUtc);
        switch (status)
        {
            case BidStatus.Withdrawn:
                bid.Withdraw(submitted.AddMinutes((end - submitted).TotalMinutes / 2), c.BidDeadlineUtc);
                break;
            case BidStatus.Shortlisted:
                bid.Shortlist(c.BidDeadlineUtc.AddDays(1) < now ? c.BidDeadlineUtc.AddDays(1) : now, c.BidDeadlineUtc);
                break;
            case BidStatus.Selected:
                bid.Shortlist(c.BidDeadlineUtc.AddDays(7), c.BidDeadlineUtc);
                bid.Select(t.Awarded!.Value, c.BidDeadlineUtc);
                break;
            case BidStatus.NotSelected:
                bid.MarkNotSelected(order % 2 == 0 ? NotSelectedReason.LowerScore : NotSelectedReason.TechnicalRoute, null, t.Awarded!.Value, c.BidDeadlineUtc);
                break;
        }
        return bid;
    }

    private static string Approach(Challenge c, CapabilityProfile p, List<string> matched, int variant)
    {
        var skills = string.Join("、", matched);
        var target = c.Targets[0];
        var platform = p.Platforms.FirstOrDefault() ?? "团队实验平台";
        return (variant % 3) switch
        {
            0 => $"针对“{c.Title}”，团队拟以{skills}为主线开展攻关。第一阶段开展工况调研与机理分析，建立关键参数的仿真与试验模型；"
                 + $"第二阶段完成方案优化与小试验证，逐项对标考核指标；第三阶段依托{platform}完成中试和现场示范。"
                 + $"其中“{target}”作为首要验收指标，全部指标拟委托第三方检测机构出具报告。",
            1 => $"团队在{skills}方面已有样机（样品）和中试数据。本项目采用“仿真设计—小试—中试—工程示范”的路线：先基于发榜方提供的工况数据完成设计与校核，"
                 + $"再在{platform}上完成性能与寿命考核，最后与发榜方联合开展现场验证，确保“{target}”等指标按期达到。",
            _ => $"围绕发榜方提出的痛点，团队提出以{skills}为核心的整体解决方案：一是开展关键材料与工艺的筛选优化；二是研制工程样机（样品）并建立在线监测与评价方法；"
                 + $"三是形成成套技术规范和标准草案。项目实施中与发榜方设立联合工作组，按月报告进展，重点保障“{target}”。",
        };
    }

    private static string Milestones(Challenge c, string skill)
    {
        var m = c.DeliveryMonths;
        var a = Math.Max(1, m / 4);
        var b = Math.Max(a + 1, m * 2 / 3);
        if (b >= m) b = m;
        var third = b < m ? $"\nM3（第{b + 1}–{m}个月）：完成中试或现场示范，全部考核指标通过第三方检测，提交验收材料。" : "";
        return $"M1（第1–{a}个月）：完成需求对接、技术方案细化和{skill}关键参数测试；"
               + $"\nM2（第{a + 1}–{b}个月）：完成样机（样品）研制与实验室验证，达到“{c.Targets[0]}”。" + third;
    }

    private static IEnumerable<PendingAudit> BidAudit(Bid b, ProfileSeed p, string posterUserId)
    {
        string Id() => b.Id.ToString();
        yield return new PendingAudit(b.CreatedByUserId, p.LeadName, "Bid", Id, "create", b.CreatedAtUtc, null, "Draft", null);
        if (b.SubmittedAtUtc is { } s)
            yield return new PendingAudit(b.CreatedByUserId, p.LeadName, "Bid", Id, "submit", s, "Draft", "Submitted", null);
        if (b.WithdrawnAtUtc is { } w)
            yield return new PendingAudit(b.CreatedByUserId, p.LeadName, "Bid", Id, "withdraw", w, "Submitted", "Withdrawn", null);
        if (b.DecidedAtUtc is { } d)
            yield return new PendingAudit(posterUserId, "发榜方", "Bid", Id, b.Status == BidStatus.Selected ? "select" : "not_select", d,
                "Shortlisted", b.Status.ToString(), null);
    }

    private sealed record PendingAudit(string? ActorUserId, string ActorName, string EntityType, Func<string> EntityId,
        string Action, DateTime At, string? From, string? To, string? Reason);
}
