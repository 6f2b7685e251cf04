using Matchmaking.Application.Challenges;
using Matchmaking.Application.Data;
using Matchmaking.Application.Profiles;
using Matchmaking.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matchmaking.Application.Search;

public enum IndexKind { Challenges, Profiles }

public sealed record IndexStatus(IndexKind Kind, int IndexedDocuments, int DatabaseRows, long Watermark, int PendingChanges);

/// <summary>Owns the two Lucene indexes (one writer each for the app's life) and keeps them in step with the
/// database: changes reach the index only through the outbox, i.e. only after their transaction committed;
/// outbox entries are deleted only after the index committed them, so a crash at any point is repaired by
/// replaying the outbox at the next start. Index writes are serialised by one lock.</summary>
public sealed class SearchIndexer(IDbContextFactory<AppDbContext> dbFactory, string indexRoot, ILogger<SearchIndexer>? log = null) : IDisposable
{
    private const int OutboxBatch = 500;
    /// <summary>Bump when the document layout or analysis changes: indexes written with another layout are
    /// rebuilt at start-up even if their counts and watermark agree with the database.</summary>
    public const string LayoutVersion = "6";
    private string LayoutFile => Path.Combine(indexRoot, "layout-version.txt");
    private readonly ILogger _log = log ?? NullLogger<SearchIndexer>.Instance;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SearchIndex? _challenges, _profiles;
    private bool? _createdFresh; // no index folder existed when first opened: it is being written with the current layout

    public SearchIndex Challenges => _challenges ?? throw new InvalidOperationException("call OpenAsync first");
    public SearchIndex Profiles => _profiles ?? throw new InvalidOperationException("call OpenAsync first");
    public bool IsOpen => _challenges is not null;

    public SearchIndex this[IndexKind kind] => kind == IndexKind.Challenges ? Challenges : Profiles;

    /// <summary>Opens both indexes with the current skill vocabulary as synonyms, then repairs them if they
    /// drifted; returns the indexes that had to be rebuilt.</summary>
    public async Task<IReadOnlyList<IndexKind>> OpenAsync(CancellationToken ct = default)
    {
        await ReloadSynonymsAsync(ct);
        return await EnsureConsistentAsync(ct);
    }

    /// <summary>Reopens both indexes so that queries use the current skill synonyms (after taxonomy edits).</summary>
    public async Task ReloadSynonymsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var synonyms = SearchDocuments.Synonyms(await db.Skills.AsNoTracking().ToListAsync(ct));
        await _writeLock.WaitAsync(ct);
        try
        {
            _createdFresh ??= !Directory.Exists(Path.Combine(indexRoot, "challenges"));
            var (oldC, oldP) = (_challenges, _profiles);
            oldC?.Dispose(); // the writer's lock must be released before the folder is opened again
            oldP?.Dispose();
            _challenges = SearchIndex.OpenFs(Path.Combine(indexRoot, "challenges"), synonyms);
            _profiles = SearchIndex.OpenFs(Path.Combine(indexRoot, "profiles"), synonyms);
        }
        finally { _writeLock.Release(); }
    }

    /// <summary>Applies committed changes from the outbox. Returns how many entries were applied.</summary>
    public async Task<int> ProcessOutboxAsync(CancellationToken ct = default)
    {
        var applied = 0;
        await _writeLock.WaitAsync(ct);
        try
        {
            while (true)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var batch = await db.IndexOutbox.AsNoTracking().OrderBy(e => e.Id).Take(OutboxBatch).ToListAsync(ct);
                if (batch.Count == 0) break;
                var challengeIds = batch.Where(e => e.ChallengeId is not null).Select(e => e.ChallengeId!.Value).Distinct().ToList();
                var profileIds = batch.Where(e => e.ProfileId is not null).Select(e => e.ProfileId!.Value).Distinct().ToList();
                foreach (var doc in await ChallengeDocumentsAsync(db, db.Challenges.Where(c => challengeIds.Contains(c.Id)), ct))
                    Challenges.Upsert(doc);
                foreach (var p in await db.Profiles.AsNoTracking().Where(p => profileIds.Contains(p.Id)).ToListAsync(ct))
                    Profiles.Upsert(SearchDocuments.ForProfile(p));
                var watermark = batch[^1].Id;
                Challenges.Commit(watermark);
                Profiles.Commit(watermark);
                // Only now, with the index durable, may the entries go. A crash before this line replays them: harmless.
                await db.IndexOutbox.Where(e => e.Id <= watermark).ExecuteDeleteAsync(ct);
                applied += batch.Count;
            }
            Challenges.MaybeRefresh();
            Profiles.MaybeRefresh();
        }
        finally { _writeLock.Release(); }
        return applied;
    }

    /// <summary>The start-up check: replay the outbox, then compare each index with the database (document
    /// count, and the outbox sequence against the index's watermark); rebuild what differs.</summary>
    public async Task<IReadOnlyList<IndexKind>> EnsureConsistentAsync(CancellationToken ct = default)
    {
        var replayed = await ProcessOutboxAsync(ct);
        if (replayed > 0) _log.LogInformation("Search index: replayed {Count} committed change(s) from the outbox", replayed);
        var rebuilt = new List<IndexKind>();
        var sequence = await OutboxSequenceAsync(ct);
        var layoutChanged = File.Exists(LayoutFile)
            ? (await File.ReadAllTextAsync(LayoutFile, ct)).Trim() != LayoutVersion
            : _createdFresh != true; // an index from before layout versions were recorded
        foreach (var kind in Enum.GetValues<IndexKind>())
        {
            var status = await StatusAsync(kind, ct);
            var behindDatabase = status.IndexedDocuments != status.DatabaseRows;
            var aheadOfDatabase = status.Watermark > sequence; // e.g. the database was restored from an older backup
            if (!behindDatabase && !aheadOfDatabase && !(layoutChanged && status.DatabaseRows > 0)) continue;
            _log.LogWarning("Search index {Kind} differs from the database ({Indexed} documents vs {Rows} rows, watermark {Watermark} vs {Sequence}, layout changed: {Layout}); rebuilding",
                kind, status.IndexedDocuments, status.DatabaseRows, status.Watermark, sequence, layoutChanged);
            await RebuildAsync(kind, null, ct);
            rebuilt.Add(kind);
        }
        await File.WriteAllTextAsync(LayoutFile, LayoutVersion, ct);
        return rebuilt;
    }

    /// <summary>Rebuilds one index from the database. Searches keep seeing the old index until the new one is committed.</summary>
    public async Task RebuildAsync(IndexKind kind, IProgress<double>? progress, CancellationToken ct = default)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var watermark = await OutboxSequenceAsync(ct);
            var total = kind == IndexKind.Challenges ? await db.Challenges.CountAsync(ct) : await db.Profiles.CountAsync(ct);
            var docs = kind == IndexKind.Challenges
                ? await ChallengeDocumentsAsync(db, db.Challenges, ct)
                : (await db.Profiles.AsNoTracking().ToListAsync(ct)).Select(SearchDocuments.ForProfile).ToList();
            var counter = progress is null ? null : new Progress<int>(n => progress.Report(total == 0 ? 1 : Math.Min(1, n / (double)total)));
            this[kind].Rebuild(docs, Math.Max(watermark, this[kind].Watermark), counter, ct);
            this[kind].MaybeRefresh();
            progress?.Report(1);
        }
        finally { _writeLock.Release(); }
    }

    public async Task<IndexStatus> StatusAsync(IndexKind kind, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = kind == IndexKind.Challenges ? await db.Challenges.CountAsync(ct) : await db.Profiles.CountAsync(ct);
        var pending = kind == IndexKind.Challenges
            ? await db.IndexOutbox.CountAsync(e => e.ChallengeId != null, ct)
            : await db.IndexOutbox.CountAsync(e => e.ProfileId != null, ct);
        var index = this[kind];
        index.MaybeRefresh();
        return new IndexStatus(kind, index.Count, rows, index.Watermark, pending);
    }

    private async Task<long> OutboxSequenceAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // AUTOINCREMENT keeps the sequence after rows are deleted; sqlite_sequence holds its high-water mark.
        var seq = await db.Database.SqlQueryRaw<long>("SELECT seq AS \"Value\" FROM sqlite_sequence WHERE name = 'IndexOutbox'").ToListAsync(ct);
        return seq.Count > 0 ? seq[0] : 0;
    }

    private static async Task<List<IndexDocument>> ChallengeDocumentsAsync(AppDbContext db, IQueryable<Challenge> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().Include(c => c.PosterOrganization).ToListAsync(ct);
        return rows.Select(c => SearchDocuments.ForChallenge(c, c.PosterOrganization?.Name ?? "", c.PosterOrganization?.RegionCode ?? "")).ToList();
    }

    public void Dispose()
    {
        _challenges?.Dispose();
        _profiles?.Dispose();
        _writeLock.Dispose();
    }
}
