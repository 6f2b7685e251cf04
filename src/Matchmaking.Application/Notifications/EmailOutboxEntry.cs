namespace Matchmaking.Application.Notifications;

/// <summary>One e-mail waiting to be sent (or sent, or given up on). Persisted so that a restart or an SMTP outage
/// loses nothing: the sender retries with a growing delay until <see cref="MailOptions.MaxAttempts"/>.</summary>
public class EmailOutboxEntry
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public bool IsDigest { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public string? LastError { get; set; }
    public DateTime? SentAtUtc { get; set; }
    /// <summary>Set when the attempts ran out; the entry stays for the record.</summary>
    public DateTime? GaveUpAtUtc { get; set; }

    public const int MaxSubject = 300, MaxBody = 20_000, MaxError = 1000;

    public bool IsPending => SentAtUtc is null && GaveUpAtUtc is null;

    /// <summary>After a failed attempt: wait base × 2^(attempts−1), capped, or give up after the last attempt.</summary>
    public void Failed(string error, DateTime nowUtc, MailOptions options)
    {
        Attempts++;
        LastError = error.Length > MaxError ? error[..MaxError] : error;
        if (Attempts >= options.MaxAttempts) { GaveUpAtUtc = nowUtc; return; }
        var delay = TimeSpan.FromTicks(Math.Min(options.RetryBaseDelay.Ticks * (1L << Math.Min(Attempts - 1, 20)), options.RetryMaxDelay.Ticks));
        NextAttemptAtUtc = nowUtc + delay;
    }

    public void Sent(DateTime nowUtc)
    {
        Attempts++;
        SentAtUtc = nowUtc;
        LastError = null;
    }
}
