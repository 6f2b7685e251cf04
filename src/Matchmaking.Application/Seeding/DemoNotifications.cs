using System.Security.Cryptography;
using Matchmaking.Application.Attachments;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Data;
using Matchmaking.Application.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Seeding;

/// <summary>Demo content for issue 5, after <see cref="DemoData"/>: a consortium bid (researcher@ leads, researcher2@'s
/// organisation confirmed) with a PDF and a PNG attached, a pending invitation for researcher3@ (on a draft, researcher@'s if any), a receipt on every
/// submitted bid, and notifications for each demo role (some already read).</summary>
public static class DemoNotifications
{
    public static async Task<bool> SeedAsync(AppDbContext db, TimeProvider clock, string attachmentsRoot, CancellationToken ct = default)
    {
        if (await db.Notifications.AnyAsync(ct) || await db.BidPartners.AnyAsync(ct)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var users = await db.Users.AsNoTracking().Where(u => u.Email != null && u.Email.EndsWith("@demo.local"))
            .ToDictionaryAsync(u => u.Email!, u => (u.Id, u.OrganizationId), StringComparer.OrdinalIgnoreCase, ct);
        if (!users.TryGetValue("researcher@demo.local", out var lead) || !users.TryGetValue("researcher2@demo.local", out var partner))
            return false;

        // 1. A consortium bid with attachments: researcher@'s first submitted bid on an open challenge.
        var consortium = await db.Bids.Include(b => b.Challenge).Include(b => b.Partners)
            .Where(b => b.CreatedByUserId == lead.Id && b.Status == BidStatus.Submitted && b.Challenge!.Status == ChallengeStatus.Published)
            .OrderBy(b => b.Id).FirstOrDefaultAsync(ct);
        if (consortium is not null && partner.OrganizationId is { } partnerOrg && partnerOrg != consortium.OrganizationId)
        {
            var submitted = consortium.SubmittedAtUtc ?? now;
            consortium.SeedPartner(partnerOrg, partner.Id, submitted.AddDays(-2), submitted.AddDays(-1));
            await AttachAsync(db, attachmentsRoot, consortium, lead.Id, "技术方案摘要.pdf", DemoFiles.Pdf("Technical proposal - demo consortium bid"), submitted, ct);
            await AttachAsync(db, attachmentsRoot, consortium, lead.Id, "样机照片.png", DemoFiles.Png(96, 48), submitted, ct);
            db.Notify([partner.Id], NotificationKind.ConsortiumInvitation, "联合体邀请：邀请贵单位共同揭榜",
                $"榜单「{consortium.Challenge!.Title}」。贵单位已确认加入联合体。", $"/consortium/{consortium.Id}", consortium.ChallengeId, submitted.AddDays(-2));
            db.Notify([lead.Id], NotificationKind.ConsortiumInvitation, "联合体成员已确认加入",
                $"榜单「{consortium.Challenge.Title}」的揭榜申请。", $"/bids/{consortium.Id}", consortium.ChallengeId, submitted.AddDays(-1));
        }
        await db.SaveChangesAsync(ct);

        // 2. A pending invitation for researcher3@'s organisation on an open draft (researcher@'s first).
        if (users.TryGetValue("researcher3@demo.local", out var third) && third.OrganizationId is { } thirdOrg)
        {
            var draft = await db.Bids.Include(b => b.Challenge).Include(b => b.Partners)
                .Where(b => b.Status == BidStatus.Draft && b.OrganizationId != thirdOrg && b.Challenge!.BidDeadlineUtc > now
                    && b.Challenge.Status == ChallengeStatus.Published)
                .OrderBy(b => b.CreatedByUserId == lead.Id ? 0 : 1).ThenBy(b => b.Id).FirstOrDefaultAsync(ct);
            if (draft is not null && thirdOrg != draft.OrganizationId)
            {
                draft.SeedPartner(thirdOrg, null, now.AddHours(-3), null);
                db.Notify([third.Id], NotificationKind.ConsortiumInvitation, "联合体邀请：邀请贵单位共同揭榜",
                    $"榜单「{draft.Challenge!.Title}」。请确认或拒绝加入联合体。", $"/consortium/{draft.Id}", draft.ChallengeId, now.AddHours(-3));
            }
        }

        // 3. Receipts for every submitted bid (the seeded ones were not submitted through the service).
        var files = await db.Attachments.AsNoTracking().Where(a => a.OwnerKind == AttachmentOwnerKind.Bid).ToListAsync(ct);
        foreach (var bid in await db.Bids.Include(b => b.Partners).Where(b => b.Status != BidStatus.Draft && b.ReceiptDigest == null).ToListAsync(ct))
        {
            var at = bid.SubmittedAtUtc ?? bid.UpdatedAtUtc;
            var json = BidReceipt.Canonical(bid, bid.Partners.Where(p => p.State == PartnerState.Confirmed).Select(p => p.OrganizationId),
                files.Where(f => f.OwnerId == bid.Id).Select(f => new BidReceipt.AttachmentRef(f.OriginalName, f.Sha256, f.SizeBytes)), at);
            bid.IssueReceipt(json, BidReceipt.Digest(json), at);
        }

        // 4. Notifications for each role.
        var open = await db.Challenges.AsNoTracking().Where(c => c.Status == ChallengeStatus.Published && c.BidDeadlineUtc > now)
            .OrderBy(c => c.BidDeadlineUtc).Select(c => new { c.Id, c.Title, c.PosterOrganizationId, c.BidDeadlineUtc }).ToListAsync(ct);
        var bidCounts = await db.Bids.Where(b => b.Status != BidStatus.Draft && b.Status != BidStatus.Withdrawn)
            .GroupBy(b => b.ChallengeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        foreach (var email in new[] { "enterprise@demo.local", "enterprise2@demo.local", "enterprise3@demo.local", "enterprise4@demo.local" })
        {
            if (!users.TryGetValue(email, out var u)) continue;
            var mine = open.Where(c => c.PosterOrganizationId == u.OrganizationId).ToList();
            var hours = 30;
            foreach (var c in mine.Where(c => bidCounts.ContainsKey(c.Id)).Take(3))
                db.Notify([u.Id], NotificationKind.BidReceived, $"榜单「{c.Title}」收到新的揭榜申请",
                    $"目前共有 {bidCounts[c.Id]} 份揭榜申请。截止前申请内容密封，截止后可查看。", $"/challenges/{c.Id}", c.Id, now.AddHours(-(hours -= 7)));
            if (mine.FirstOrDefault() is { } soon)
                db.Notify([u.Id], NotificationKind.DeadlineSoon, $"榜单「{soon.Title}」即将截止揭榜",
                    $"揭榜截止时间：{soon.BidDeadlineUtc:yyyy-MM-dd HH:mm} UTC。截止后可查看全部揭榜申请。", $"/challenges/{soon.Id}", soon.Id, now.AddHours(-2));
        }
        foreach (var (email, skip) in new[] { ("researcher@demo.local", 0), ("researcher2@demo.local", 1), ("researcher3@demo.local", 2), ("researcher4@demo.local", 3) })
        {
            if (!users.TryGetValue(email, out var u)) continue;
            foreach (var c in open.Skip(skip).Take(2))
                db.Notify([u.Id], NotificationKind.NewMatchingChallenge, $"新榜单与您的团队匹配：{c.Title}",
                    "根据技术标签、学科和成果匹配推荐，可查看详情后揭榜。", $"/challenges/{c.Id}", c.Id, now.AddHours(-20 + skip));
        }
        if (users.TryGetValue("admin@demo.local", out var admin))
        {
            var pending = await db.Challenges.CountAsync(c => c.Status == ChallengeStatus.PendingReview, ct);
            var unverified = await db.Organizations.CountAsync(o => !o.IsVerified, ct);
            db.Notify([admin.Id], NotificationKind.Other, $"{pending} 个榜单待审核", "请在“榜单审核”中处理发榜单位提交的榜单。", "/admin/moderation", null, now.AddHours(-5));
            db.Notify([admin.Id], NotificationKind.Other, $"{unverified} 家机构待认证", "揭榜单位须通过认证才能提交申请。", "/admin/organizations", null, now.AddHours(-4));
        }
        await db.SaveChangesAsync(ct);

        // Leave the older half read, so the bell shows a realistic unread count.
        var ids = await db.Notifications.OrderBy(n => n.CreatedAtUtc).Select(n => new { n.Id, n.UserId }).ToListAsync(ct);
        var read = ids.GroupBy(n => n.UserId).SelectMany(g => g.Take(g.Count() / 2)).Select(n => n.Id).ToList();
        await db.Notifications.Where(n => read.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
        // Demo notifications are not e-mailed, even if SMTP is configured later.
        await db.Notifications.ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailHandledAtUtc, now), ct);
        return true;
    }

    private static async Task AttachAsync(AppDbContext db, string root, Bid bid, string userId, string name, byte[] bytes, DateTime at, CancellationToken ct)
    {
        var type = FileSniffer.Sniff(new MemoryStream(bytes), name) ?? throw new InvalidOperationException($"demo file {name} not recognised");
        var rel = $"{at:yyyy}/{at:MM}/{Guid.NewGuid():N}{type.Extensions[0]}";
        var path = Path.Combine(root, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, ct); // the file first, then its row
        db.Attachments.Add(new Attachment
        {
            OwnerKind = AttachmentOwnerKind.Bid, OwnerId = bid.Id, ChallengeId = bid.ChallengeId, OriginalName = name, ContentType = type.ContentType,
            SizeBytes = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), StoredPath = rel, UploadedByUserId = userId, UploadedAtUtc = at,
        });
    }
}
