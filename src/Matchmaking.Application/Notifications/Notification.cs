using Matchmaking.Application.Data;

namespace Matchmaking.Application.Notifications;

/// <summary>What happened, for the bell, the e-mail outbox and the per-user preferences. Stored as its number (no
/// check constraint, preferences as a JSON list of numbers): new members need no migration; never renumber.</summary>
public enum NotificationKind
{
    BidReceived = 1,
    DeadlineSoon = 2,
    ReviewAssigned = 3,
    Awarded = 4,
    PublicityStarted = 5,
    ObjectionLodged = 6,
    ObjectionAnswered = 7,
    MilestoneDue = 8,
    MilestoneReturned = 9,
    MilestoneAccepted = 10,
    NewMatchingChallenge = 11,
    NotSelected = 12,
    ConsortiumInvitation = 13,
    ChallengeCompleted = 14,
    /// <summary>A team handed in a milestone: the poster's users are to accept or return it.</summary>
    MilestoneSubmitted = 15,
    /// <summary>An upheld objection revoked the award during the 公示.</summary>
    AwardRevoked = 16,
    Other = 99,
}

/// <summary>One in-app message to one user. Written in the same SaveChanges as the change it reports, so a
/// rolled-back change notifies no one; e-mail delivery (if configured) reads from here.</summary>
public class Notification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>Portal-relative link, e.g. "/challenges/12".</summary>
    public string? Link { get; set; }
    public int? ChallengeId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
    /// <summary>When e-mail delivery dealt with this row (queued, put in a digest, or skipped by preference);
    /// null while it waits for the outbox worker or for the user's daily digest.</summary>
    public DateTime? EmailHandledAtUtc { get; set; }

    public const int MaxTitle = 200, MaxBody = 2000;
}

public static class NotificationDbExtensions
{
    /// <summary>Queue a notification for each distinct user; saved with the caller's SaveChanges.</summary>
    public static void Notify(this AppDbContext db, IEnumerable<string> userIds, NotificationKind kind, string title,
        string body, string? link, int? challengeId, DateTime nowUtc)
    {
        foreach (var userId in userIds.Where(u => !string.IsNullOrEmpty(u)).Distinct())
            db.Notifications.Add(new Notification
            {
                UserId = userId, Kind = kind,
                Title = title.Length > Notification.MaxTitle ? title[..Notification.MaxTitle] : title,
                Body = body.Length > Notification.MaxBody ? body[..Notification.MaxBody] : body,
                Link = link, ChallengeId = challengeId, CreatedAtUtc = nowUtc,
            });
    }
}
