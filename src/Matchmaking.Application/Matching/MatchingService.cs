using System.Globalization;
using System.Text;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Exchange;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Search;
using Matchmaking.Application.Taxonomy;
using Matchmaking.Core.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matchmaking.Application.Matching;

/// <summary>One reason of a match with the component it belongs to (技能/学科/成果/文本/地区), so that the UI can
/// label it in the reader's language; <see cref="Detail"/> is the reason without its Chinese prefix.</summary>
public sealed record MatchReason(MatchComponent Component, string Text)
{
    public string Detail => Text.IndexOf(": ", StringComparison.Ordinal) is var i and >= 0 ? Text[(i + 2)..] : Text;
}

/// <summary>A capability profile recommended for a challenge.</summary>
public sealed record RecommendedTeam(int ProfileId, string Name, string Organization, string OrgType, bool IsPublic,
    double Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>An open challenge recommended to a researcher; <see cref="TeamName"/> is their team that matched it best.</summary>
public sealed record RecommendedChallenge(int ChallengeId, string Title, string PosterName, DateTime DeadlineUtc, decimal BudgetWan,
    double Score, IReadOnlyList<MatchReason> Reasons, int ProfileId, string TeamName);

/// <summary>
/// Matching for the portal, the command-line tool and the HTTP API: an in-memory <see cref="CapabilityIndex"/> of
/// every capability profile and a <see cref="DemandIndex"/> of the published challenges, scored by
/// <see cref="MatchScorer"/> with the configured weights. Register as a singleton.
/// <para>
/// Keeping in step with the database — a version check, not the <see cref="IChangeFeed"/> signal: before each use
/// a few aggregate queries (row count, max id, sum of the optimistic-concurrency <c>Version</c> column, max
/// <c>UpdatedAtUtc</c>) are compared with what was loaded. Every change to a profile or challenge goes through a
/// method that bumps <c>Version</c>, so any edit, insert or status change moves the fingerprint; then only the
/// rows whose (id, version) differ are re-read and upserted, and vanished rows deleted. The signal would miss
/// changes made by another process (the command-line import writes the same database while the portal runs);
/// the check costs three small aggregate queries per request and is always correct. The skill vocabulary
/// (synonyms) is fingerprinted by its content; when it changes both indexes are rebuilt with the new synonyms.
/// Refreshes are serialised by a semaphore; scoring takes a read lock, a refresh writes under the write lock.
/// </para>
/// <para>
/// The demand index holds every Published challenge; those whose deadline has passed but that the deadline
/// closer has not closed yet are excluded per request (<see cref="MatchOptions.ExcludeIds"/>), so "open for bids"
/// follows the clock without a rebuild. A poster organisation's region is read when a challenge is (re)loaded:
/// an organisation moving region is picked up at the challenge's next change (organisations carry no version).
/// </para>
/// </summary>
public sealed class MatchingService : IDisposable
{
    public const int MaxTop = 1000;

    private readonly IDbContextFactory<AppDbContext> _dbFactory;
    private readonly TimeProvider _clock;
    private readonly ProfileService _profiles;
    private readonly MatchScorer _scorer;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ReaderWriterLockSlim _lock = new();

    private CapabilityIndex? _capabilities;
    private DemandIndex? _demands;
    private string? _vocabularyKey;
    private Fingerprint? _profileKey, _challengeKey;
    private readonly Dictionary<int, ProfileRow> _profileRows = [];
    private readonly Dictionary<int, ChallengeRow> _challengeRows = [];

    public MatchingService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ProfileService profiles,
        MatchWeights? weights = null, ILogger<MatchingService>? log = null)
    {
        _dbFactory = dbFactory;
        _clock = clock;
        _profiles = profiles;
        _scorer = new MatchScorer(weights ?? new MatchWeights(), clock);
        _log = log ?? NullLogger<MatchingService>.Instance;
    }

    public MatchWeights Weights => _scorer.Weights;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Capability profiles (teams) for a challenge, best first: for its poster and admins only; others see
    /// public profiles only, admins all. Works for a challenge in any state (a poster drafting sees who could take it on).</summary>
    public async Task<IReadOnlyList<RecommendedTeam>> RecommendTeamsAsync(Actor actor, int challengeId, int take = 10, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxTop);
        Challenge challenge;
        await using (var db = await _dbFactory.CreateDbContextAsync(ct))
        {
            challenge = await db.Challenges.AsNoTracking().Include(c => c.PosterOrganization).FirstOrDefaultAsync(c => c.Id == challengeId, ct)
                ?? throw new NotFoundException(L($"榜单 #{challengeId}", $"challenge #{challengeId}"));
        }
        if (!Permissions.CanViewChallenge(actor, challenge)) throw new NotFoundException(L($"榜单 #{challengeId}", $"challenge #{challengeId}"));
        if (!CanSeeRecommendations(actor, challenge)) throw new AccessDeniedException(L("只有发榜方和管理员可以查看推荐团队", "Only the poster and administrators can see recommended teams"));
        await RefreshAsync(ct);

        var demand = ToDemand(challenge, challenge.PosterOrganization?.RegionCode);
        _lock.EnterReadLock();
        try
        {
            var hidden = actor.IsAdmin ? [] : _profileRows.Where(p => !p.Value.IsPublic).Select(p => Key(p.Key)).ToList();
            var matches = _scorer.MatchCapabilities(demand, _capabilities!, new MatchOptions { Take = take, ExcludeIds = hidden });
            return matches.Select(m =>
            {
                var row = _profileRows[int.Parse(m.CandidateId, CultureInfo.InvariantCulture)];
                return new RecommendedTeam(row.Id, row.Name, row.OrganizationName, row.OrgType, row.IsPublic, m.Score, ReasonsOf(m));
            }).ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Who may see the teams recommended for a challenge: its poster and admins (as for deciding bids).</summary>
    public static bool CanSeeRecommendations(Actor actor, Challenge challenge) => Permissions.CanDecideBids(actor, challenge);

    /// <summary>Open challenges for a researcher: each of their own teams is matched against the challenges open for
    /// bids (eligibility is a hard filter), the best score per challenge kept; challenges one of their teams already
    /// bid on (any bid not withdrawn) are left out. Empty for anyone who is not a researcher.</summary>
    public async Task<IReadOnlyList<RecommendedChallenge>> RecommendChallengesAsync(Actor actor, int take = 8, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxTop);
        if (!actor.IsResearcher || actor.UserId is null) return [];
        var mine = await _profiles.ListMineAsync(actor, ct);
        if (mine.Count == 0) return [];
        var profileIds = mine.Select(p => p.Id).ToList();
        List<int> bidOn;
        await using (var db = await _dbFactory.CreateDbContextAsync(ct))
        {
            bidOn = await db.Bids.AsNoTracking()
                .Where(b => b.Status != BidStatus.Withdrawn && (profileIds.Contains(b.ProfileId) || b.CreatedByUserId == actor.UserId))
                .Select(b => b.ChallengeId).Distinct().ToListAsync(ct);
        }
        await RefreshAsync(ct);

        var now = Now;
        var best = new Dictionary<int, (Match Match, CapabilityProfile Team)>();
        _lock.EnterReadLock();
        try
        {
            var excluded = bidOn.Select(Key).Concat(ClosedDemandKeys(now)).ToHashSet(StringComparer.Ordinal);
            foreach (var team in mine)
            {
                foreach (var m in _scorer.MatchChallenges(ToCapability(team), _demands!, new MatchOptions { Take = take, ExcludeIds = excluded }))
                {
                    var id = int.Parse(m.CandidateId, CultureInfo.InvariantCulture);
                    if (!best.TryGetValue(id, out var seen) || m.Score > seen.Match.Score) best[id] = (m, team);
                }
            }
            return best.OrderByDescending(b => b.Value.Match.Score).ThenBy(b => b.Key).Take(take).Select(b =>
            {
                var row = _challengeRows[b.Key];
                return new RecommendedChallenge(row.Id, row.Title, row.PosterName, row.DeadlineUtc, row.BudgetWan, b.Value.Match.Score,
                    ReasonsOf(b.Value.Match), b.Value.Team.Id, b.Value.Team.Name);
            }).ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Demands from outside (exchange format) matched against the stored profiles, one line per demand in
    /// input order. The capability id is the profile's external id when it was imported with one, else its id.
    /// Private profiles take part only when <paramref name="actor"/> is an admin (the command-line tool is).
    /// <paramref name="candidates"/> overrides <see cref="MatchWeights.Candidates"/> (<c>int.MaxValue</c>: every profile the text reaches).</summary>
    public async Task<IReadOnlyList<MatchLine>> MatchDemandsAsync(Actor actor, IEnumerable<DemandDoc> demands, int top = 10, CancellationToken ct = default,
        int? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(demands);
        top = Math.Clamp(top, 1, MaxTop);
        await RefreshAsync(ct);
        _lock.EnterReadLock();
        try
        {
            var hidden = actor.IsAdmin ? [] : _profileRows.Where(p => !p.Value.IsPublic).Select(p => Key(p.Key)).ToList();
            var options = new MatchOptions { Take = top, ExcludeIds = hidden, Candidates = candidates };
            var lines = new List<MatchLine>();
            foreach (var demand in demands)
            {
                ct.ThrowIfCancellationRequested();
                var matches = _scorer.MatchCapabilities(demand, _capabilities!, options);
                lines.Add(new MatchLine(demand.Id, matches.Select(m =>
                {
                    var row = _profileRows[int.Parse(m.CandidateId, CultureInfo.InvariantCulture)];
                    return new MatchEntry(row.ExternalId ?? Key(row.Id), Math.Round(m.Score, 4), m.Reasons);
                }).ToList()));
            }
            return lines;
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>How many profiles and open-or-published challenges are loaded (after bringing them up to date).</summary>
    public async Task<(int Profiles, int Challenges)> CountsAsync(CancellationToken ct = default)
    {
        await RefreshAsync(ct);
        _lock.EnterReadLock();
        try { return (_capabilities!.Count, _demands!.Count); }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Brings both indexes up to date with the database (see the class comment); cheap when nothing changed.
    /// Called at start-up to build them, and before every use.</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        await _refresh.WaitAsync(ct);
        try
        {
            await using var db = await _dbFactory.CreateDbContextAsync(ct);
            var skills = await db.Skills.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
            var vocabularyKey = VocabularyKey(skills);
            var profileKey = await ProfileFingerprintAsync(db, ct);
            var challengeKey = await ChallengeFingerprintAsync(db, ct);
            var rebuild = vocabularyKey != _vocabularyKey;
            if (!rebuild && profileKey == _profileKey && challengeKey == _challengeKey) return;

            // Read what changed outside the write lock; apply it inside.
            var profileVersions = await db.Profiles.AsNoTracking().Select(p => new { p.Id, p.Version }).ToDictionaryAsync(p => p.Id, p => p.Version, ct);
            var changedProfileIds = profileVersions.Where(p => rebuild || !_profileRows.TryGetValue(p.Key, out var row) || row.Version != p.Value)
                .Select(p => p.Key).ToList();
            var changedProfiles = await LoadInChunksAsync(changedProfileIds, ids => db.Profiles.AsNoTracking().Where(p => ids.Contains(p.Id)), ct);

            var challengeVersions = await db.Challenges.AsNoTracking().Where(c => c.Status == ChallengeStatus.Published)
                .Select(c => new { c.Id, c.Version }).ToDictionaryAsync(c => c.Id, c => c.Version, ct);
            var changedChallengeIds = challengeVersions.Where(c => rebuild || !_challengeRows.TryGetValue(c.Key, out var row) || row.Version != c.Value)
                .Select(c => c.Key).ToList();
            var changedChallenges = await LoadInChunksAsync(changedChallengeIds,
                ids => db.Challenges.AsNoTracking().Include(c => c.PosterOrganization).Where(c => ids.Contains(c.Id)), ct);

            _lock.EnterWriteLock();
            try
            {
                if (rebuild)
                {
                    var synonyms = SearchDocuments.Synonyms(skills);
                    _capabilities?.Dispose();
                    _demands?.Dispose();
                    _capabilities = new CapabilityIndex(synonyms);
                    _demands = new DemandIndex(synonyms);
                    _profileRows.Clear();
                    _challengeRows.Clear();
                }
                foreach (var gone in _profileRows.Keys.Where(id => !profileVersions.ContainsKey(id)).ToList())
                {
                    _capabilities!.Delete(Key(gone));
                    _profileRows.Remove(gone);
                }
                _capabilities!.Upsert(changedProfiles.Select(ToCapability));
                foreach (var p in changedProfiles) _profileRows[p.Id] = ProfileRow.Of(p);

                foreach (var gone in _challengeRows.Keys.Where(id => !challengeVersions.ContainsKey(id)).ToList())
                {
                    _demands!.Delete(Key(gone));
                    _challengeRows.Remove(gone);
                }
                _demands!.Upsert(changedChallenges.Select(c => ToDemand(c, c.PosterOrganization?.RegionCode)));
                foreach (var c in changedChallenges) _challengeRows[c.Id] = ChallengeRow.Of(c);
            }
            finally { _lock.ExitWriteLock(); }

            _vocabularyKey = vocabularyKey;
            _profileKey = profileKey;
            _challengeKey = challengeKey;
            _log.LogDebug("Matching: {Profiles} profile(s) and {Challenges} challenge(s) (re)loaded{Rebuild}",
                changedProfiles.Count, changedChallenges.Count, rebuild ? " (full rebuild)" : "");
        }
        finally { _refresh.Release(); }
    }

    // --- mapping -------------------------------------------------------------------------------------------

    public static CapabilityDoc ToCapability(CapabilityProfile p) => new()
    {
        Id = Key(p.Id),
        Name = p.Name,
        Summary = p.Summary,
        Skills = p.Skills,
        FieldCodes = p.FieldCodes,
        OrgType = p.OrgType.ToString(),
        RegionCode = string.IsNullOrWhiteSpace(p.RegionCode) ? null : p.RegionCode,
        Achievements = p.Achievements.Select(a => new Core.Matching.Achievement(a.Type.ToString().ToLowerInvariant(), a.Title, a.Year)).ToList(),
    };

    public static DemandDoc ToDemand(Challenge c, string? posterRegion) => new()
    {
        Id = Key(c.Id),
        Title = c.Title,
        Description = string.Join("\n", [c.Background, c.PainPoint, .. c.Targets]),
        Skills = c.Skills,
        FieldCodes = c.FieldCodes,
        EligibleOrgTypes = EligibleNames(c.Eligible),
        RegionCode = string.IsNullOrWhiteSpace(posterRegion) ? null : posterRegion,
    };

    /// <summary>The organisation type names (as <see cref="CapabilityDoc.OrgType"/> uses them) a flag set admits.</summary>
    public static IReadOnlyList<string> EligibleNames(EligibleBidders eligible) =>
        Enum.GetValues<Organizations.OrganizationType>().Where(t => (eligible & Challenge.ToEligible(t)) != EligibleBidders.None)
            .Select(t => t.ToString()).ToList();

    private static IReadOnlyList<MatchReason> ReasonsOf(Match m)
    {
        var reasons = m.Breakdown.Where(c => c.Contribution > 0).SelectMany(c => c.Reasons.Select(r => new MatchReason(c.Component, r))).ToList();
        if (reasons.Count > 0) return reasons;
        return m.Reasons.Select(r => new MatchReason(ComponentOf(r), r)).ToList();
    }

    private static MatchComponent ComponentOf(string reason) => reason switch
    {
        _ when reason.StartsWith("技能", StringComparison.Ordinal) => MatchComponent.Skill,
        _ when reason.StartsWith("学科", StringComparison.Ordinal) => MatchComponent.Field,
        _ when reason.StartsWith("成果", StringComparison.Ordinal) => MatchComponent.Evidence,
        _ when reason.StartsWith("地区", StringComparison.Ordinal) => MatchComponent.Region,
        _ => MatchComponent.Text,
    };

    private IEnumerable<string> ClosedDemandKeys(DateTime now) =>
        _challengeRows.Values.Where(c => now >= c.DeadlineUtc).Select(c => Key(c.Id));

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    // --- version check ---------------------------------------------------------------------------------------

    private sealed record Fingerprint(int Count, long MaxId, long VersionSum, DateTime? MaxUpdatedUtc);

    private static async Task<Fingerprint> ProfileFingerprintAsync(AppDbContext db, CancellationToken ct)
    {
        var q = db.Profiles.AsNoTracking();
        var agg = await q.GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(), MaxId = g.Max(p => (long?)p.Id), Versions = g.Sum(p => (long?)p.Version), Updated = g.Max(p => (DateTime?)p.UpdatedAtUtc),
        }).FirstOrDefaultAsync(ct);
        return agg is null ? new Fingerprint(0, 0, 0, null) : new Fingerprint(agg.Count, agg.MaxId ?? 0, agg.Versions ?? 0, agg.Updated);
    }

    /// <summary>Over all challenges, not only the published ones: a status change bumps the version either way.</summary>
    private static async Task<Fingerprint> ChallengeFingerprintAsync(AppDbContext db, CancellationToken ct)
    {
        var agg = await db.Challenges.AsNoTracking().GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(), MaxId = g.Max(c => (long?)c.Id), Versions = g.Sum(c => (long?)c.Version), Updated = g.Max(c => (DateTime?)c.UpdatedAtUtc),
        }).FirstOrDefaultAsync(ct);
        return agg is null ? new Fingerprint(0, 0, 0, null) : new Fingerprint(agg.Count, agg.MaxId ?? 0, agg.Versions ?? 0, agg.Updated);
    }

    private static string VocabularyKey(IEnumerable<Skill> skills)
    {
        var sb = new StringBuilder();
        foreach (var s in skills) sb.Append(s.Id).Append('\u001f').AppendJoin('\u001f', s.AllForms()).Append('\u001e');
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static async Task<List<T>> LoadInChunksAsync<T>(List<int> ids, Func<List<int>, IQueryable<T>> query, CancellationToken ct)
    {
        var all = new List<T>();
        foreach (var chunk in ids.Chunk(500)) all.AddRange(await query([.. chunk]).ToListAsync(ct));
        return all;
    }

    private sealed record ProfileRow(int Id, long Version, string Name, string OrganizationName, string OrgType, bool IsPublic, string? ExternalId)
    {
        public static ProfileRow Of(CapabilityProfile p) => new(p.Id, p.Version, p.Name, p.OrganizationName, p.OrgType.ToString(), p.IsPublic, p.ExternalId);
    }

    private sealed record ChallengeRow(int Id, long Version, string Title, string PosterName, DateTime DeadlineUtc, decimal BudgetWan)
    {
        public static ChallengeRow Of(Challenge c) =>
            new(c.Id, c.Version, c.Title, c.PosterOrganization?.Name ?? "", DateTime.SpecifyKind(c.BidDeadlineUtc, DateTimeKind.Utc), c.BudgetWan);
    }

    public void Dispose()
    {
        _capabilities?.Dispose();
        _demands?.Dispose();
        _refresh.Dispose();
        _lock.Dispose();
    }
}
