using Matchmaking.Application.Auditing;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Profiles;

/// <summary>Use cases of capability profiles (科研能力画像).</summary>
public sealed class ProfileService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IChangeFeed? changes = null)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The teams this researcher leads (they edit these and bid with them).</summary>
    public async Task<IReadOnlyList<CapabilityProfile>> ListMineAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is null || !actor.IsResearcher) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Profiles.AsNoTracking().Where(p => p.OwnerUserId == actor.UserId).OrderBy(p => p.Id).ToListAsync(ct);
    }

    public async Task<CapabilityProfile?> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return p is not null && Permissions.CanViewProfile(actor, p) ? p : null;
    }

    public async Task<Page<CapabilityProfile>> ListPublicAsync(string? text, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Profiles.AsNoTracking().Where(p => p.IsPublic);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            q = q.Where(p => p.Name.Contains(t) || p.Summary.Contains(t) || p.OrganizationName.Contains(t));
        }
        var total = await q.CountAsync(ct);
        var (skip, take, pg, size) = Page<CapabilityProfile>.Normalize(page, pageSize);
        var items = await q.OrderBy(p => p.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new Page<CapabilityProfile>(items, total, pg, size);
    }

    /// <summary>Creates a team led by this researcher, in their organisation.</summary>
    public async Task<int> CreateAsync(Actor actor, ProfileContent content, CancellationToken ct = default)
    {
        if (!actor.IsResearcher || actor.OrganizationId is null) throw new AccessDeniedException(L("只有科研人员可以创建团队画像", "Only researchers can create a team profile"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var org = await db.Organizations.FirstAsync(o => o.Id == actor.OrganizationId, ct);
        var profile = new CapabilityProfile(org.Id, actor.UserId, org.Name, org.Type, org.RegionCode, content, Now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Profiles.Add(profile);
        await db.SaveChangesAsync(ct);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(CapabilityProfile), profile.Id, "create", Now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes?.ProfileChanged(profile.Id);
        return profile.Id;
    }

    public async Task UpdateAsync(Actor actor, int id, ProfileContent content, long expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.Profiles.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(L($"团队 #{id}", $"team #{id}"));
        if (!Permissions.CanEditProfile(actor, p)) throw new AccessDeniedException();
        db.Entry(p).Property(x => x.Version).OriginalValue = expectedVersion;
        p.Edit(content, Now);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(CapabilityProfile), id, "edit", Now);
        await db.SaveOrConflictAsync(ct);
        changes?.ProfileChanged(id);
    }
}
