using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Matching;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Notifications;

/// <summary>Events nobody's click produces: "bidding closes in 3 days" and "a newly published challenge matches your
/// team". Each is sent once per challenge, recorded as a <see cref="ChallengeNotice"/> in the same SaveChanges as the
/// notifications, so a rerun or a second worker sends nothing twice.</summary>
public sealed class NotificationSweeps(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, MatchingService matching, MailOptions options)
{
    public static readonly TimeSpan DeadlineWarning = TimeSpan.FromDays(3);
    /// <summary>Only challenges published this recently count as "newly published" (not a whole back catalogue).</summary>
    public static readonly TimeSpan NewlyPublished = TimeSpan.FromDays(2);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<int> DeadlineSoonAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var until = now + DeadlineWarning;
        var due = await db.Challenges.AsNoTracking()
            .Where(c => c.Status == ChallengeStatus.Published && c.BidDeadlineUtc > now && c.BidDeadlineUtc <= until)
            .Where(c => !db.ChallengeNotices.Any(n => n.ChallengeId == c.Id && n.Kind == NotificationKind.DeadlineSoon))
            .Select(c => new { c.Id, c.Title, c.PosterOrganizationId, c.BidDeadlineUtc }).ToListAsync(ct);
        foreach (var c in due)
        {
            var posterUsers = await db.Users.Where(u => u.OrganizationId == c.PosterOrganizationId).Select(u => u.Id).ToListAsync(ct);
            var drafters = await db.Bids.Where(b => b.ChallengeId == c.Id && b.Status == BidStatus.Draft).Select(b => b.CreatedByUserId).ToListAsync(ct);
            var when = c.BidDeadlineUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
            db.Notify(posterUsers, NotificationKind.DeadlineSoon, $"榜单「{c.Title}」将于3天内截止揭榜",
                $"揭榜截止时间：{when}。截止后可查看全部揭榜申请。", $"/challenges/{c.Id}", c.Id, now);
            db.Notify(drafters, NotificationKind.DeadlineSoon, $"您在「{c.Title}」的揭榜申请仍是草稿",
                $"揭榜将于 {when} 截止，截止前提交才有效。", $"/challenges/{c.Id}", c.Id, now);
            db.ChallengeNotices.Add(new ChallengeNotice { ChallengeId = c.Id, Kind = NotificationKind.DeadlineSoon, AtUtc = now });
        }
        await SaveIgnoringRaceAsync(db, ct);
        return due.Count;
    }

    /// <summary>Tells the owners of the best-matching teams (score ≥ threshold) about a newly published challenge.</summary>
    public async Task<int> NewMatchesAsync(CancellationToken ct = default)
    {
        List<(int Id, string Title)> fresh;
        var now = Now;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var since = now - NewlyPublished;
            fresh = (await db.Challenges.AsNoTracking()
                .Where(c => c.Status == ChallengeStatus.Published && c.PublishedAtUtc >= since && c.BidDeadlineUtc > now)
                .Where(c => !db.ChallengeNotices.Any(n => n.ChallengeId == c.Id && n.Kind == NotificationKind.NewMatchingChallenge))
                .Select(c => new { c.Id, c.Title }).ToListAsync(ct)).Select(c => (c.Id, c.Title)).ToList();
        }
        foreach (var (id, title) in fresh)
        {
            var teams = await matching.RecommendTeamsAsync(Actor.System, id, options.MatchTake, ct);
            var best = teams.Where(t => t.Score >= options.MatchThreshold).ToDictionary(t => t.ProfileId, t => t);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var owners = await db.Profiles.Where(p => best.Keys.Contains(p.Id) && p.OwnerUserId != null)
                .Select(p => new { p.Id, p.OwnerUserId }).ToListAsync(ct);
            foreach (var group in owners.GroupBy(o => o.OwnerUserId!))
            {
                var team = group.Select(o => best[o.Id]).OrderByDescending(t => t.Score).First();
                db.Notify([group.Key], NotificationKind.NewMatchingChallenge, $"新榜单与您的团队匹配：{title}",
                    $"团队「{team.Name}」匹配度 {team.Score:P0}。", $"/challenges/{id}", id, now);
            }
            db.ChallengeNotices.Add(new ChallengeNotice { ChallengeId = id, Kind = NotificationKind.NewMatchingChallenge, AtUtc = now });
            await SaveIgnoringRaceAsync(db, ct);
        }
        return fresh.Count;
    }

    private static async Task SaveIgnoringRaceAsync(AppDbContext db, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { /* another sweep recorded the notice first; its notifications stand */ }
    }
}
