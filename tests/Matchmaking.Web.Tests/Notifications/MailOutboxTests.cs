using Matchmaking.Application.Bids;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Notifications;
using Matchmaking.Application.Organizations;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Matchmaking.Web.Tests.Notifications;

/// <summary>Notifications to e-mail through a real SMTP conversation on 127.0.0.1: immediate mail, retries with
/// back-off when the server refuses, giving up, daily digests, and preferences.</summary>
public sealed class MailOutboxTests : IDisposable
{
    private readonly MailPortalFactory _app = new();
    private MailOutbox Outbox => _app.Get<MailOutbox>();
    private SmtpMailSender Smtp => _app.Get<SmtpMailSender>();

    public void Dispose() => _app.Dispose();

    private async Task<(Actor poster, Actor researcher, int bidId, int challengeId)> SubmittedBidAsync()
    {
        var poster = await _app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var researcher = await _app.CreateUserAsync(Roles.Researcher);
        var challengeId = await _app.PublishedChallengeAsync(poster);
        var profileId = await _app.ProfileAsync(researcher);
        var bids = _app.Get<BidService>();
        var bidId = await bids.CreateAsync(researcher, challengeId, profileId, new BidContent
        {
            TechnicalApproach = "机密技术路线：双级离心泵", MilestonePlan = "第一年样机", BudgetAskedWan = 500, TeamDescription = "十人团队",
        });
        await bids.SubmitAsync(researcher, bidId);
        return (poster, researcher, bidId, challengeId);
    }

    private static MimeMessage Parse(SmtpListener.Message m) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data)));

    private async Task<string> EmailOfAsync(Actor a)
    {
        await using var db = await _app.DbAsync();
        return (await db.Users.SingleAsync(u => u.Id == a.UserId)).Email!;
    }

    [Fact]
    public async Task BidReceived_IsMailedToPoster_WithTheCountOnly()
    {
        var (poster, _, _, _) = await SubmittedBidAsync();

        Assert.Equal(1, await Outbox.QueueAsync());
        var (sent, failed) = await Outbox.SendDueAsync(Smtp);

        Assert.Equal((1, 0), (sent, failed));
        var message = Assert.Single(_app.Smtp.Messages);
        Assert.Equal([await EmailOfAsync(poster)], message.To);
        var mime = Parse(message);
        Assert.Contains("收到新的揭榜申请", mime.Subject);
        Assert.Contains("共有 1 份揭榜申请", mime.TextBody);
        Assert.Contains("https://portal.test/challenges/", mime.TextBody);
        Assert.DoesNotContain("双级离心泵", mime.TextBody); // sealed: the content never leaves before the deadline
        Assert.Contains(_app.Smtp.Commands, c => c.StartsWith("EHLO", StringComparison.Ordinal));
        Assert.Contains("QUIT", _app.Smtp.Commands);
        await using var db = await _app.DbAsync();
        var entry = await db.EmailOutbox.SingleAsync();
        Assert.NotNull(entry.SentAtUtc);
        Assert.Equal(1, entry.Attempts);
        Assert.Equal(0, await Outbox.QueueAsync()); // handled once
    }

    [Fact]
    public async Task SmtpRefusal_IsRetriedWithBackoff_ThenDelivered()
    {
        await SubmittedBidAsync();
        await Outbox.QueueAsync();
        _app.Smtp.FailNext = 2;

        Assert.Equal((0, 1), await Outbox.SendDueAsync(Smtp));
        await using (var db = await _app.DbAsync())
        {
            var e = await db.EmailOutbox.SingleAsync();
            Assert.Equal(1, e.Attempts);
            Assert.Contains("451", e.LastError);
            Assert.Equal(_app.Clock.UtcNow.AddMinutes(1), e.NextAttemptAtUtc);
        }
        Assert.Equal((0, 0), await Outbox.SendDueAsync(Smtp)); // not due yet

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((0, 1), await Outbox.SendDueAsync(Smtp));
        await using (var db = await _app.DbAsync())
            Assert.Equal(_app.Clock.UtcNow.AddMinutes(2), (await db.EmailOutbox.SingleAsync()).NextAttemptAtUtc);

        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal((1, 0), await Outbox.SendDueAsync(Smtp));
        Assert.Single(_app.Smtp.Messages);
        await using (var db = await _app.DbAsync())
        {
            var e = await db.EmailOutbox.SingleAsync();
            Assert.Equal(3, e.Attempts);
            Assert.NotNull(e.SentAtUtc);
            Assert.Null(e.LastError);
        }
    }

    [Fact]
    public async Task SmtpAlwaysRefusing_GivesUpAfterMaxAttempts()
    {
        await SubmittedBidAsync();
        await Outbox.QueueAsync();
        _app.Smtp.FailAlways = true;

        for (var i = 0; i < 5; i++)
        {
            await Outbox.SendDueAsync(Smtp);
            _app.Clock.Advance(TimeSpan.FromHours(1));
        }

        await using var db = await _app.DbAsync();
        var e = await db.EmailOutbox.SingleAsync();
        Assert.Equal(3, e.Attempts);
        Assert.NotNull(e.GaveUpAtUtc);
        Assert.Null(e.SentAtUtc);
        Assert.Empty(_app.Smtp.Messages);
    }

    [Fact]
    public async Task UnreachableServer_IsRecordedAsAFailedAttempt()
    {
        await SubmittedBidAsync();
        await Outbox.QueueAsync();
        var port = _app.Smtp.Port;
        await _app.Smtp.DisposeAsync(); // nobody listens there now
        var sender = new SmtpMailSender(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = "None", TimeoutSeconds = 5 });

        Assert.Equal((0, 1), await Outbox.SendDueAsync(sender));

        await using var db = await _app.DbAsync();
        var e = await db.EmailOutbox.SingleAsync();
        Assert.Equal(1, e.Attempts);
        Assert.False(string.IsNullOrEmpty(e.LastError));
        Assert.Null(e.SentAtUtc);
    }

    [Fact]
    public async Task DailyDigest_CollectsTheDay_IntoOneMail_OncePerDay()
    {
        var poster = await _app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        await _app.Get<NotificationService>().SavePreferencesAsync(poster, true, EmailMode.DailyDigest, []);
        await using (var db = await _app.DbAsync())
        {
            db.Notify([poster.UserId!], NotificationKind.BidReceived, "第一条", "正文一", "/challenges/1", null, _app.Clock.UtcNow);
            db.Notify([poster.UserId!], NotificationKind.DeadlineSoon, "第二条", "正文二", null, null, _app.Clock.UtcNow);
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await Outbox.QueueAsync()); // digest users get nothing immediately
        Assert.Equal(0, await Outbox.QueueDigestsAsync()); // the preference was set today: the first digest is tomorrow
        _app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await Outbox.QueueDigestsAsync());
        Assert.Equal(0, await Outbox.QueueDigestsAsync());
        await Outbox.SendDueAsync(Smtp);

        var mime = Parse(Assert.Single(_app.Smtp.Messages));
        Assert.Contains("摘要", mime.Subject);
        Assert.Contains("第一条", mime.TextBody);
        Assert.Contains("第二条", mime.TextBody);
    }

    [Fact]
    public async Task EmailOff_OrKindMuted_QueuesNothing_ButTheBellStillCounts()
    {
        var off = await _app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var muted = await _app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var prefs = _app.Get<NotificationService>();
        await prefs.SavePreferencesAsync(off, false, EmailMode.Immediate, []);
        await prefs.SavePreferencesAsync(muted, true, EmailMode.Immediate, [NotificationKind.BidReceived]);
        await using (var db = await _app.DbAsync())
        {
            db.Notify([off.UserId!, muted.UserId!], NotificationKind.BidReceived, "标题", "正文", null, null, _app.Clock.UtcNow);
            db.Notify([muted.UserId!], NotificationKind.DeadlineSoon, "截止提醒", "正文", null, null, _app.Clock.UtcNow);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await Outbox.QueueAsync()); // only the muted user's other kind

        await using (var db = await _app.DbAsync())
        {
            Assert.Equal("截止提醒", (await db.EmailOutbox.SingleAsync()).Subject);
            Assert.Equal(0, await db.Notifications.CountAsync(n => n.EmailHandledAtUtc == null));
        }
        Assert.Equal(1, await prefs.UnreadCountAsync(off));
        Assert.Equal(2, await prefs.UnreadCountAsync(muted));
    }
}
