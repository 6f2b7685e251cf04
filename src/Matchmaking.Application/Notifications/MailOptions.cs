namespace Matchmaking.Application.Notifications;

/// <summary>The "Matchmaking:Smtp" section. E-mail is off unless <see cref="Host"/> is set.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Matchmaking:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>None, StartTls, StartTlsWhenAvailable, SslOnConnect (MailKit's SecureSocketOptions names) or Auto.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "noreply@matchmaking.local";
    public string FromName { get; set; } = "揭榜挂帅平台";
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>The "Matchmaking:Mail" section: outbox timing.</summary>
public sealed class MailOptions
{
    public const string Section = "Matchmaking:Mail";

    public int MaxAttempts { get; set; } = 6;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(2);
    /// <summary>How often the worker fills and drains the outbox and runs the notification sweeps.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Hour of day (UTC) from which the daily digest is sent; 0 = 08:00 China time.</summary>
    public int DigestHourUtc { get; set; } = 0;
    /// <summary>Notifications older than this are not e-mailed (e.g. when SMTP is configured on a running portal).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(2);
    /// <summary>Base address of the portal for links in e-mails, e.g. https://jbgs.example.gov.cn.</summary>
    public string? PublicBaseUrl { get; set; }
    /// <summary>Score from which a researcher's team counts as matching a newly published challenge.</summary>
    public double MatchThreshold { get; set; } = 0.35;
    public int MatchTake { get; set; } = 20;
}
