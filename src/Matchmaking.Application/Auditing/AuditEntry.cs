namespace Matchmaking.Application.Auditing;

/// <summary>Who did what to which record, when and why. Append-only.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string? ActorUserId { get; set; }
    public string ActorName { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string Action { get; set; } = "";
    public string? FromState { get; set; }
    public string? ToState { get; set; }
    public string? Reason { get; set; }
}
