using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;

namespace Matchmaking.Application.Auditing;

public static class AuditLog
{
    /// <summary>Adds an audit entry to the same unit of work as the change it records, so both commit or neither.</summary>
    public static void Record(this AppDbContext db, Actor actor, string actorName, string entityType, object entityId,
        string action, DateTime atUtc, object? from = null, object? to = null, string? reason = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = atUtc,
            ActorUserId = actor.UserId,
            ActorName = actorName,
            EntityType = entityType,
            EntityId = entityId.ToString() ?? "",
            Action = action,
            FromState = from?.ToString(),
            ToState = to?.ToString(),
            Reason = reason,
        });
}
