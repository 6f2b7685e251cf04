using Matchmaking.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Common;

internal static class DbExtensions
{
    /// <summary>Saves, turning a lost optimistic-concurrency race into a clear domain error.</summary>
    public static async Task SaveOrConflictAsync(this AppDbContext db, CancellationToken ct = default)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new ConcurrencyConflictException(); }
    }

    public static async Task<string> ActorNameAsync(this AppDbContext db, Identity.Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is null) return "anonymous";
        if (actor.UserId == Identity.Actor.System.UserId) return "系统 (system)";
        var user = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId)
            .Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(ct);
        return user is null ? actor.UserId : $"{user.DisplayName} <{user.Email}>";
    }
}
