using System.Text;
using Matchmaking.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matchmaking.Application.Notifications;

/// <summary>
/// The e-mail side of notifications, in three steps the worker runs on a timer:
/// <see cref="QueueAsync"/> turns new notification rows into outbox entries for users who want them at once;
/// <see cref="QueueDigestsAsync"/> gathers a digest user's day into one entry; <see cref="SendDueAsync"/> sends due
/// entries through SMTP, recording each failure and backing off (1, 2, 4… minutes) until the attempts run out.
/// Every step is idempotent and restart-safe: the state lives in the database, not in memory.
/// </summary>
public sealed class MailOutbox(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, MailOptions options, ILogger<MailOutbox>? log = null)
{
    private readonly ILogger _log = log ?? NullLogger<MailOutbox>.Instance;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    public const int Batch = 500;

    public async Task<int> QueueAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var pending = await db.Notifications.Where(n => n.EmailHandledAtUtc == null).OrderBy(n => n.Id).Take(Batch).ToListAsync(ct);
        if (pending.Count == 0) return 0;
        var (prefs, emails) = await RecipientsAsync(db, pending.Select(n => n.UserId), ct);
        var queued = 0;
        foreach (var n in pending)
        {
            var pref = prefs.GetValueOrDefault(n.UserId) ?? NotificationPreference.Default(n.UserId);
            var email = emails.GetValueOrDefault(n.UserId);
            if (n.CreatedAtUtc < now - options.MaxAge || !pref.WantsEmail(n.Kind) || string.IsNullOrWhiteSpace(email))
            {
                n.EmailHandledAtUtc = now;
                continue;
            }
            if (pref.Mode != EmailMode.Immediate) continue; // waits for the digest
            db.EmailOutbox.Add(NewEntry(n.UserId, email, n.Title, Render(n), isDigest: false, now));
            n.EmailHandledAtUtc = now;
            queued++;
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }

    /// <summary>One digest per digest user per day (from <see cref="MailOptions.DigestHourUtc"/>), listing what
    /// arrived since the last one; nothing is sent on a day with nothing new.</summary>
    public async Task<int> QueueDigestsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var dueFrom = now.Date.AddHours(options.DigestHourUtc);
        if (now < dueFrom) dueFrom = dueFrom.AddDays(-1);
        var users = await db.NotificationPreferences
            .Where(p => p.Mode == EmailMode.DailyDigest && p.EmailEnabled && (p.LastDigestAtUtc == null || p.LastDigestAtUtc < dueFrom))
            .ToListAsync(ct);
        var queued = 0;
        foreach (var pref in users)
        {
            var items = await db.Notifications.Where(n => n.UserId == pref.UserId && n.EmailHandledAtUtc == null)
                .OrderBy(n => n.Id).Take(200).ToListAsync(ct);
            var wanted = items.Where(n => pref.WantsEmail(n.Kind)).ToList();
            var email = await db.Users.Where(u => u.Id == pref.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
            if (wanted.Count > 0 && !string.IsNullOrWhiteSpace(email))
            {
                var body = new StringBuilder();
                body.AppendLine($"您有 {wanted.Count} 条新通知 / You have {wanted.Count} new notification(s):").AppendLine();
                foreach (var n in wanted) body.AppendLine(Render(n)).AppendLine("—");
                db.EmailOutbox.Add(NewEntry(pref.UserId, email, $"揭榜挂帅平台每日通知摘要（{wanted.Count}条） / Daily digest", body.ToString(), isDigest: true, now));
                queued++;
            }
            foreach (var n in items) n.EmailHandledAtUtc = now;
            pref.LastDigestAtUtc = now;
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }

    /// <summary>Sends the entries that are due. Returns (sent, failed).</summary>
    public async Task<(int Sent, int Failed)> SendDueAsync(SmtpMailSender sender, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var due = await db.EmailOutbox.Where(e => e.SentAtUtc == null && e.GaveUpAtUtc == null && e.NextAttemptAtUtc <= now)
            .OrderBy(e => e.NextAttemptAtUtc).ThenBy(e => e.Id).Take(50).ToListAsync(ct);
        int sent = 0, failed = 0;
        foreach (var e in due)
        {
            try
            {
                await sender.SendAsync(e.ToAddress, e.Subject, e.Body, ct);
                e.Sent(Now);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                e.Failed($"{ex.GetType().Name}: {ex.Message}", Now, options);
                failed++;
                _log.LogWarning("E-mail #{Id} to {To} failed (attempt {Attempt}): {Error}", e.Id, e.ToAddress, e.Attempts, ex.Message);
            }
            await db.SaveChangesAsync(CancellationToken.None); // record each outcome, so a crash does not resend what went out
        }
        return (sent, failed);
    }

    private string Render(Notification n)
    {
        var sb = new StringBuilder().AppendLine(n.Title).AppendLine(n.Body);
        if (n.Link is { Length: > 0 } link)
            sb.AppendLine(options.PublicBaseUrl is { Length: > 0 } b ? b.TrimEnd('/') + link : link);
        sb.Append(n.CreatedAtUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static EmailOutboxEntry NewEntry(string userId, string to, string subject, string body, bool isDigest, DateTime now) => new()
    {
        UserId = userId, ToAddress = to, IsDigest = isDigest, CreatedAtUtc = now, NextAttemptAtUtc = now,
        Subject = subject.Length > EmailOutboxEntry.MaxSubject ? subject[..EmailOutboxEntry.MaxSubject] : subject,
        Body = body.Length > EmailOutboxEntry.MaxBody ? body[..EmailOutboxEntry.MaxBody] : body,
    };

    private static async Task<(Dictionary<string, NotificationPreference>, Dictionary<string, string?>)> RecipientsAsync(
        AppDbContext db, IEnumerable<string> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        var prefs = await db.NotificationPreferences.Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        var emails = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        return (prefs, emails);
    }
}
