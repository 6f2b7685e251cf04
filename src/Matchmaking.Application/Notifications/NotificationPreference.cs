namespace Matchmaking.Application.Notifications;

/// <summary>How a user wants e-mail: each notification at once, or one digest a day.</summary>
public enum EmailMode { Immediate = 0, DailyDigest = 1 }

/// <summary>One user's e-mail choices. Users without a row get the defaults (e-mail on, immediate, nothing muted).
/// The in-app bell always shows every notification; preferences only govern e-mail.</summary>
public class NotificationPreference
{
    public string UserId { get; set; } = "";
    public bool EmailEnabled { get; set; } = true;
    public EmailMode Mode { get; set; } = EmailMode.Immediate;
    /// <summary>Kinds the user does not want by e-mail.</summary>
    public List<NotificationKind> MutedKinds { get; set; } = [];
    /// <summary>When the last digest was queued (digest users), so one day gets one digest.</summary>
    public DateTime? LastDigestAtUtc { get; set; }

    public static NotificationPreference Default(string userId) => new() { UserId = userId };

    public bool WantsEmail(NotificationKind kind) => EmailEnabled && !MutedKinds.Contains(kind);
}

/// <summary>Marks that a once-per-challenge event (deadline in 3 days, matching researchers told) has been sent;
/// the key makes "once" hold even if two sweeps race.</summary>
public class ChallengeNotice
{
    public int ChallengeId { get; set; }
    public NotificationKind Kind { get; set; }
    public DateTime AtUtc { get; set; }
}
