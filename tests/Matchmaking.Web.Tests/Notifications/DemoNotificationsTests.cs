using Matchmaking.Application.Attachments;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Notifications;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Web.Tests.Notifications;

public sealed class DemoPortalFactory : PortalFactory
{
    protected override bool Demo => true;
}

/// <summary>The demo data of issue 5: notifications for every role, a consortium bid with real attachments, receipts.</summary>
public sealed class DemoNotificationsTests : IClassFixture<DemoPortalFactory>
{
    private readonly DemoPortalFactory _app;

    public DemoNotificationsTests(DemoPortalFactory app)
    {
        _app = app;
        _ = app.Services; // starts the host, which seeds
    }

    [Fact]
    public async Task EveryDemoRole_HasNotifications_SomeUnread()
    {
        await using var db = await _app.DbAsync();
        foreach (var email in new[] { "enterprise@demo.local", "researcher@demo.local", "researcher2@demo.local", "researcher3@demo.local", "admin@demo.local" })
        {
            var id = (await db.Users.SingleAsync(u => u.Email == email)).Id;
            var mine = await db.Notifications.Where(n => n.UserId == id).ToListAsync();
            Assert.True(mine.Count >= 2, $"{email} has {mine.Count} notifications");
            Assert.Contains(mine, n => n.ReadAtUtc == null);
        }
        // Seeded rows are never mailed; the sweeps that run after start-up (deadline soon, milestone due) are real events.
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.EmailHandledAtUtc == null
            && n.Kind != NotificationKind.DeadlineSoon && n.Kind != NotificationKind.MilestoneDue));
    }

    [Fact]
    public async Task ConsortiumBid_WithAttachmentsOnDisk_AndValidReceipts()
    {
        await using var db = await _app.DbAsync();
        var bid = await db.Bids.Include(b => b.Partners).FirstAsync(b => b.Partners.Any(p => p.State == PartnerState.Confirmed));
        Assert.Equal(2, bid.InvolvedOrganizationIds().Count);
        var files = await db.Attachments.Where(a => a.OwnerKind == AttachmentOwnerKind.Bid && a.OwnerId == bid.Id).ToListAsync();
        Assert.Equal(["application/pdf", "image/png"], files.Select(f => f.ContentType).Order());
        var root = _app.Get<AttachmentService>().Options.Root;
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(root, f.StoredPath))));
        Assert.Contains(files[0].Sha256, bid.ReceiptJson);

        var submitted = await db.Bids.Where(b => b.Status != BidStatus.Draft).ToListAsync();
        Assert.NotEmpty(submitted);
        Assert.All(submitted, b => Assert.Equal(BidReceipt.Digest(b.ReceiptJson!), b.ReceiptDigest));
        Assert.True(await db.BidPartners.AnyAsync(p => p.State == PartnerState.Invited));
    }
}
