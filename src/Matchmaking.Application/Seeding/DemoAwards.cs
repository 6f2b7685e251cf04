using Matchmaking.Application.Auditing;
using Matchmaking.Application.Awards;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Data;
using Matchmaking.Application.Delivery;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Reviews;
using Microsoft.EntityFrameworkCore;
using static Matchmaking.Application.Seeding.DemoOrganizations;

namespace Matchmaking.Application.Seeding;

/// <summary>Demo data for the lifecycle after the deadline, so every stage can be seen: closed challenges under
/// review with partial scores, a 赛马 award in 公示 with an open and an answered objection, awarded work with
/// milestones accepted, returned and planned, and completed challenges whose milestones were all accepted.
/// Runs inside <see cref="DemoData"/>'s transaction, through the entities' own transitions.</summary>
internal static class DemoAwards
{
    /// <summary>Further invited experts (reviewer@demo.local is among the main demo accounts).</summary>
    public static readonly IReadOnlyList<UserSeed> Reviewers =
    [
        new("reviewer2@demo.local", Roles.Reviewer, "孔德明", "hhny", "陇原寒旱农业科学研究院 · 评审专家"),
        new("reviewer3@demo.local", Roles.Reviewer, "侯雅琴", "lyzyy", "陇原中医药研究院 · 评审专家"),
    ];

    private const int PublicityDays = 7;

    public static async Task SeedAsync(AppDbContext db, IReadOnlyDictionary<string, string> userIds, DateTime now, CancellationToken ct)
    {
        var challenges = await db.Challenges.OrderBy(c => c.Id).ToListAsync(ct);
        var bids = await db.Bids.Include(b => b.Profile).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.OrganizationId, u.Email }).ToDictionaryAsync(u => u.Id, ct);
        var adminId = userIds["admin@demo.local"];
        var admin = new Actor(adminId, null, [Roles.Admin]);
        var experts = new[] { "reviewer@demo.local", "reviewer2@demo.local", "reviewer3@demo.local" }.Select(e => userIds[e]).ToList();
        List<Bid> Candidates(Challenge c) => bids.Where(b => b.ChallengeId == c.Id && b.Status is BidStatus.Submitted or BidStatus.Shortlisted).ToList();

        // 1. A 赛马 award in 公示: the first closed parallel challenge (not the main poster's) with two or more bids.
        var mainOrg = users[userIds["enterprise@demo.local"]].OrganizationId;
        var race = challenges.FirstOrDefault(c => c.Status == ChallengeStatus.Closed && c.AwardMode == AwardMode.Parallel
                                                  && c.PosterOrganizationId != mainOrg && Candidates(c).Count >= 2)
                   ?? challenges.FirstOrDefault(c => c.Status == ChallengeStatus.Closed && c.PosterOrganizationId != mainOrg && Candidates(c).Count >= 2);

        // 2. Review panels on every closed challenge: the default rubric, three experts and (on the main poster's
        //    challenges) the poster's seat; scores are partial so that progress reads like "2/4 已完成".
        var rng = new Random(20261123);
        foreach (var c in challenges.Where(c => c.Status == ChallengeStatus.Closed))
        {
            var start = c.BidDeadlineUtc.AddHours(2);
            var rubric = new Rubric(c.Id, Rubric.DefaultCriteria(), c.CreatedByUserId, start);
            db.Rubrics.Add(rubric);
            db.Record(new Actor(c.CreatedByUserId, null, []), "发榜方", nameof(Challenge), c.Id, "rubric", start);
            var panel = new List<ReviewAssignment>();
            foreach (var expert in experts)
            {
                var a = new ReviewAssignment(c.Id, expert, users[expert].OrganizationId, isPoster: false, adminId, start);
                panel.Add(a);
                db.Record(admin, "平台管理员", nameof(Challenge), c.Id, "assign_reviewer", start, reason: users[expert].Email);
            }
            if (c.PosterOrganizationId == mainOrg) panel.Add(new ReviewAssignment(c.Id, c.CreatedByUserId, c.PosterOrganizationId, isPoster: true, c.CreatedByUserId, start));
            db.ReviewAssignments.AddRange(panel);
            await db.SaveChangesAsync(ct);

            var candidates = Candidates(c);
            var scoringEnd = c == race ? now.AddDays(-3) : now.AddHours(-3);
            for (var i = 0; i < panel.Count; i++)
            {
                var a = panel[i];
                // reviewer@demo.local (i = 0) still has to declare and score, except on the 赛马 challenge, where the panel finished.
                if (i == 0 && c != race) continue;
                a.DeclareNoConflict(start.AddHours(6 + i));
                var share = c == race || i == 1 ? candidates.Count : Math.Max(1, candidates.Count / 2);
                foreach (var (bid, n) in candidates.Take(share).Select((b, n) => (b, n)))
                {
                    if (a.Excludes(bid)) continue;
                    var at = start.AddHours(12 + 6 * n + i) < scoringEnd ? start.AddHours(12 + 6 * n + i) : scoringEnd;
                    var scores = rubric.Criteria.ToDictionary(x => x.Name, _ => Math.Clamp(6 + rng.Next(4) - n % 2, 0, 10));
                    db.Reviews.Add(Review.Submit(a, bid, rubric, scores, Comments[(n + i) % Comments.Length], at));
                    db.Record(new Actor(a.ReviewerUserId, null, []), "评审专家", nameof(Bid), bid.Id, "review", at);
                }
            }
            await db.SaveChangesAsync(ct);
        }

        // 3. The 赛马 decision on the chosen challenge, two days into its 公示, with an open and an answered objection.
        if (race is not null)
        {
            var decided = now.AddDays(-2);
            var reviews = await db.Reviews.Where(r => r.ChallengeId == race.Id).ToListAsync(ct);
            var ranked = Candidates(race).OrderByDescending(b => reviews.Where(r => r.BidId == b.Id).Select(r => r.Total).DefaultIfEmpty().Average()).ToList();
            var winners = ranked.Take(race.AwardMode == AwardMode.Parallel ? 2 : 1).Select(b => b.Id).ToList();
            var reasons = ranked.Skip(winners.Count).Select((b, i) => (b, i))
                .ToDictionary(x => x.b.Id, x => new NotSelectedDecision(x.i % 2 == 0 ? NotSelectedReason.LowerScore : NotSelectedReason.BudgetOrSchedule));
            var award = Award.Decide(race, bids, winners, reasons, race.CreatedByUserId, 3, PublicityDays, decided);
            db.Awards.Add(award);
            db.Record(new Actor(race.CreatedByUserId, null, []), "发榜方", nameof(Challenge), race.Id, "award", decided, ChallengeStatus.Closed, race.Status, $"进入公示，公示期{PublicityDays}天");
            var answered = award.Lodge(userIds["researcher2@demo.local"], "拟挂帅第二名团队的中试平台尚在建设中，能否按期完成中试请予说明。", decided.AddHours(20));
            award.Answer(answered, "经核实，该团队已与合作企业签订中试基地使用协议，异议不成立。", upheld: false, adminId, race, bids, decided.AddDays(1));
            award.Lodge(userIds["researcher4@demo.local"], "评审意见显示第二名团队经费测算偏高，建议公开经费复核结果。", now.AddHours(-5));
            await db.SaveChangesAsync(ct);
            db.Record(new Actor(userIds["researcher2@demo.local"], null, []), "陈静", nameof(Award), award.Id, "object", decided.AddHours(20));
            db.Record(admin, "平台管理员", nameof(Award), award.Id, "objection_dismissed", decided.AddDays(1), reason: answered.AnswerText);
            db.Record(new Actor(userIds["researcher4@demo.local"], null, []), "周晨", nameof(Award), award.Id, "object", now.AddHours(-5));
        }

        // 4. Awards for the challenges that were awarded or completed, with their milestones.
        var returnedShown = false;
        foreach (var c in challenges.Where(c => c.Status is ChallengeStatus.Awarded or ChallengeStatus.Completed && c != race))
        {
            var winners = bids.Where(b => b.ChallengeId == c.Id && b.Status == BidStatus.Selected).OrderBy(b => b.Id).ToList();
            if (winners.Count == 0 || c.AwardedAtUtc is not { } awardedAt) continue;
            var award = Award.Restore(c, winners.Select(w => w.Id).ToList(), c.CreatedByUserId, awardedAt, PublicityDays, now);
            db.Awards.Add(award);
            if (award.Status != AwardStatus.Final || award.FinalizedAtUtc is not { } finalAt) continue;
            var end = c.Status == ChallengeStatus.Completed && c.CompletedAtUtc is { } completed ? completed : now.AddMonths(c.DeliveryMonths / 2 + 1);
            foreach (var w in winners)
            {
                var plan = MilestonePlan.Suggest(w.MilestonePlan, finalAt, c.DeliveryMonths);
                for (var i = 0; i < plan.Count; i++)
                {
                    // Completed challenges: due dates spread up to the completion; awarded ones follow the bid's plan.
                    var due = c.Status == ChallengeStatus.Completed ? finalAt + (end - finalAt) * (i + 1) / plan.Count - TimeSpan.FromDays(1) : plan[i].DueUtc;
                    if (due <= finalAt.AddDays(1)) due = finalAt.AddDays(2 + i);
                    var m = new Milestone(c.Id, w.Id, i + 1, plan[i].Title, due, c.CreatedByUserId, finalAt);
                    db.Milestones.Add(m);
                    if (due.AddDays(-3) >= now) continue; // not yet due: planned
                    m.Submit($"{plan[i].Title}：交付报告与第三方检测数据已上传。", due.AddDays(-3));
                    if (!returnedShown && c.Status == ChallengeStatus.Awarded)
                    {
                        m.Return("检测报告缺少连续运行数据，请补充后重新提交。", c.CreatedByUserId, due.AddDays(-2) < now ? due.AddDays(-2) : now);
                        returnedShown = true;
                        continue;
                    }
                    var acceptedAt = due.AddDays(-1) < now ? due.AddDays(-1) : now;
                    m.Accept("符合考核指标，验收通过。", c.CreatedByUserId, acceptedAt);
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static readonly string[] Comments =
    [
        "技术路线清晰，关键风险有预案；建议细化中试阶段的考核方法。",
        "团队前期基础扎实，但经费测算偏高，设备购置部分需压缩。",
        "指标可达性论证充分，里程碑安排合理。",
        "创新性较好，工程化经验不足，建议与发榜方联合设立现场验证点。",
    ];
}
