using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Notifications;

/// <summary>The in-app side of notifications: the bell's unread count, the list, marking read, and each user's
/// e-mail preferences. A user only ever sees and changes their own rows.</summary>
public sealed class NotificationService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } me) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == me && n.ReadAtUtc == null, ct);
    }

    public async Task<Page<Notification>> ListAsync(Actor actor, int page = 1, int pageSize = 20, bool unreadOnly = false, CancellationToken ct = default)
    {
        if (actor.UserId is not { } me) return new Page<Notification>([], 0, 1, pageSize);
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        if (unreadOnly) q = q.Where(n => n.ReadAtUtc == null);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Page<Notification>(items, total, page, pageSize);
    }

    /// <summary>Marks one of the actor's notifications read; someone else's id is "not found".</summary>
    public async Task MarkReadAsync(Actor actor, long id, CancellationToken ct = default)
    {
        if (actor.UserId is not { } me) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == id && x.UserId == me, ct)
            ?? throw new NotFoundException(L($"通知 #{id}", $"notification #{id}"));
        n.ReadAtUtc ??= Now;
        await db.SaveChangesAsync(ct);
    }

    public async Task<int> MarkAllReadAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } me) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        return await db.Notifications.Where(n => n.UserId == me && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
    }

    public async Task<NotificationPreference> GetPreferencesAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } me) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.NotificationPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == me, ct)
            ?? NotificationPreference.Default(me);
    }

    public async Task SavePreferencesAsync(Actor actor, bool emailEnabled, EmailMode mode, IEnumerable<NotificationKind> muted, CancellationToken ct = default)
    {
        if (actor.UserId is not { } me) throw new AccessDeniedException();
        if (!Enum.IsDefined(mode)) throw new DomainException("invalid_mode", L("无效的邮件方式", "Invalid e-mail mode"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.NotificationPreferences.FirstOrDefaultAsync(x => x.UserId == me, ct);
        if (p is null) db.NotificationPreferences.Add(p = NotificationPreference.Default(me));
        p.EmailEnabled = emailEnabled;
        // Switching to the digest starts the count from now, so the first digest does not wait a day or fire at once.
        if (mode == EmailMode.DailyDigest && p.Mode != EmailMode.DailyDigest) p.LastDigestAtUtc ??= Now;
        p.Mode = mode;
        p.MutedKinds = muted.Where(Enum.IsDefined).Distinct().OrderBy(k => k).ToList();
        await db.SaveChangesAsync(ct);
    }
}
