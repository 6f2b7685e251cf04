using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Matching;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Dashboards;

/// <summary>One chain in one month: challenges posted (published), bids submitted, challenges awarded and completed.</summary>
public sealed record ChainMonth(string Month, int ChainId, string ChainName, int Posted, int Bids, int Awarded, int Completed);

/// <summary>One of a poster's challenges with its reach: views, bids, teams that match above the threshold.</summary>
public sealed record PosterChallengeStats(int ChallengeId, string Title, ChallengeStatus Status, DateTime DeadlineUtc, int Views, int Bids,
    int MatchingTeams, IReadOnlyList<string> TopTeams);

/// <summary>Figures for the admin dashboard (per chain, per month) and the poster dashboard (per own challenge),
/// and the detail-page view counter.</summary>
public sealed class DashboardService(IDbContextFactory<AppDbContext> dbFactory, MatchingService? matching = null)
{
    public const double MatchThreshold = 0.35;

    /// <summary>Counts events by the month they happened in (UTC): published, bid submitted, awarded, completed.</summary>
    public async Task<IReadOnlyList<ChainMonth>> ChainMonthsAsync(Actor actor, int? chainId, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chains = await db.Chains.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var challenges = await db.Challenges.AsNoTracking().Where(c => chainId == null || c.ChainId == chainId)
            .Select(c => new { c.Id, c.ChainId, c.PublishedAtUtc, c.AwardedAtUtc, c.CompletedAtUtc }).ToListAsync(ct);
        var chainOf = challenges.ToDictionary(c => c.Id, c => c.ChainId);
        var bids = await db.Bids.AsNoTracking().Where(b => b.SubmittedAtUtc != null && b.SubmittedAtUtc >= fromUtc && b.SubmittedAtUtc < toUtc)
            .Select(b => new { b.ChallengeId, b.SubmittedAtUtc }).ToListAsync(ct);

        var events = new List<(string Month, int Chain, int Kind)>();
        void Add(DateTime? at, int chain, int kind)
        {
            if (at is { } t && t >= fromUtc && t < toUtc) events.Add((t.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), chain, kind));
        }
        foreach (var c in challenges)
        {
            Add(c.PublishedAtUtc, c.ChainId, 0);
            Add(c.AwardedAtUtc, c.ChainId, 2);
            Add(c.CompletedAtUtc, c.ChainId, 3);
        }
        foreach (var b in bids)
            if (chainOf.TryGetValue(b.ChallengeId, out var chain)) Add(b.SubmittedAtUtc, chain, 1);

        return events.GroupBy(e => (e.Month, e.Chain)).OrderBy(g => g.Key.Month).ThenBy(g => chains.GetValueOrDefault(g.Key.Chain))
            .Select(g => new ChainMonth(g.Key.Month, g.Key.Chain, chains.GetValueOrDefault(g.Key.Chain) ?? "?",
                g.Count(e => e.Kind == 0), g.Count(e => e.Kind == 1), g.Count(e => e.Kind == 2), g.Count(e => e.Kind == 3)))
            .ToList();
    }

    /// <summary>The poster's own challenges (every state) with views, bid count and matching teams.</summary>
    public async Task<IReadOnlyList<PosterChallengeStats>> PosterAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsEnterprise || actor.OrganizationId is not { } org) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Challenges.AsNoTracking().Where(c => c.PosterOrganizationId == org)
            .OrderByDescending(c => c.CreatedAtUtc)
            .Select(c => new
            {
                c.Id, c.Title, c.Status, c.BidDeadlineUtc, c.ViewCount,
                Bids = db.Bids.Count(b => b.ChallengeId == c.Id && b.Status != BidStatus.Draft && b.Status != BidStatus.Withdrawn),
            }).ToListAsync(ct);
        var result = new List<PosterChallengeStats>();
        foreach (var r in rows)
        {
            IReadOnlyList<RecommendedTeam> teams = [];
            if (matching is not null && r.Status is not (ChallengeStatus.Cancelled or ChallengeStatus.Completed))
                teams = (await matching.RecommendTeamsAsync(actor, r.Id, 50, ct)).Where(t => t.Score >= MatchThreshold).ToList();
            result.Add(new PosterChallengeStats(r.Id, r.Title, r.Status, r.BidDeadlineUtc, r.ViewCount, r.Bids, teams.Count,
                teams.Take(3).Select(t => t.Name).ToList()));
        }
        return result;
    }

    /// <summary>Counts a detail-page view unless the viewer is the poster (or an admin), or the client is a bot.
    /// One UPDATE in the database, so concurrent views all count and no edit conflicts with it.</summary>
    public async Task<bool> CountViewAsync(Actor actor, int challengeId, string? userAgent, CancellationToken ct = default)
    {
        if (IsBot(userAgent)) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Challenges.AsNoTracking().Where(x => x.Id == challengeId).Select(x => new { x.PosterOrganizationId, x.Status }).FirstOrDefaultAsync(ct);
        if (c is null || actor.IsAdmin || (actor.IsEnterprise && actor.OrganizationId == c.PosterOrganizationId)) return false;
        return await db.Challenges.Where(x => x.Id == challengeId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ViewCount, x => x.ViewCount + 1), ct) > 0;
    }

    public static bool IsBot(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return true;
        var ua = userAgent.ToLowerInvariant();
        string[] markers = ["bot", "crawl", "spider", "slurp", "curl/", "wget/", "python-requests", "httpclient", "headless", "preview", "monitor"];
        return markers.Any(ua.Contains);
    }
}
