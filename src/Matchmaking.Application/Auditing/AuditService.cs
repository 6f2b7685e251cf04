using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Auditing;

public sealed class AuditService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<Page<AuditEntry>> ListAsync(Actor actor, string? entityType, string? entityId, int page, int pageSize, CancellationToken ct = default)
    {
        if (!Permissions.CanReadAuditLog(actor)) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(entityType)) q = q.Where(a => a.EntityType == entityType);
        if (!string.IsNullOrWhiteSpace(entityId)) q = q.Where(a => a.EntityId == entityId);
        var total = await q.CountAsync(ct);
        var (skip, take, pg, size) = Page<AuditEntry>.Normalize(page, pageSize);
        var items = await q.OrderByDescending(a => a.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new Page<AuditEntry>(items, total, pg, size);
    }

    /// <summary>The history of one record, oldest first (shown to whoever may see the record).</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(string entityType, string entityId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == entityId)
            .OrderBy(a => a.Id).ToListAsync(ct);
    }
}
