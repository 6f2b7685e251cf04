using System.Security.Cryptography;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Auditing;
using Matchmaking.Application.Awards;
using Matchmaking.Application.Data;
using Matchmaking.Application.Delivery;
using Matchmaking.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Attachments;

/// <summary>
/// Stores and serves attachments. Writing: the upload goes to <c>attachments/tmp/</c> with the size limit enforced
/// while copying and the SHA-256 computed on the way, is sniffed, then moved into place, and only then is the row
/// inserted (if that fails the file is removed). So a crash leaves at most a file without a row — which
/// <see cref="CleanOrphansAsync"/> removes — never a row without a file. Reading: the owner decides who may see it.
/// </summary>
public sealed class AttachmentService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, AttachmentOptions options)
{
    private const string TempFolder = "tmp";
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    public AttachmentOptions Options => options;

    /// <summary>Adds a file to a draft bid of the actor's, before the deadline.</summary>
    public async Task<Attachment> AddToBidAsync(Actor actor, int bidId, string fileName, Stream content, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bid = await db.Bids.Include(b => b.Challenge).FirstOrDefaultAsync(b => b.Id == bidId, ct) ?? throw new NotFoundException(L($"揭榜申请 #{bidId}", $"bid #{bidId}"));
        if (!Permissions.IsBidAuthor(actor, bid)) throw new AccessDeniedException();
        if (bid.Challenge!.IsDeadlinePassed(Now)) throw new DomainException("deadline_passed", L("揭榜已截止，不能再添加附件", "The deadline has passed; attachments can no longer be added"));
        if (bid.Status != BidStatus.Draft)
            throw new DomainException("attachment_not_draft", L("附件只能在申请提交前（草稿状态）添加或删除，以便回执覆盖全部附件", "Attachments can only be added or removed before the bid is submitted (while it is a draft), so that the receipt covers all of them"));
        await EnsureRoomAsync(db, AttachmentOwnerKind.Bid, bidId, ct);
        return await StoreAsync(db, AttachmentOwnerKind.Bid, bidId, bid.ChallengeId, actor, fileName, content, ct);
    }

    /// <summary>Adds evidence to a milestone once the award is final (after the 公示): the appointed team (the bid's
    /// authors) while it prepares the hand-in (milestone planned or returned); the poster or an admin while deciding on
    /// a submitted milestone (files backing the acceptance or return). Once handed in, the team's evidence is what the
    /// poster judges, so the team adds nothing more until the milestone is returned; decided milestones are closed.</summary>
    public async Task<Attachment> AddMilestoneEvidenceAsync(Actor actor, int challengeId, int milestoneId, string fileName, Stream content, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var challenge = await db.Challenges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == challengeId, ct) ?? throw new NotFoundException(L($"榜单 #{challengeId}", $"challenge #{challengeId}"));
        var milestone = await db.Milestones.AsNoTracking().FirstOrDefaultAsync(m => m.Id == milestoneId && m.ChallengeId == challengeId, ct)
            ?? throw new NotFoundException(L($"里程碑 #{milestoneId}", $"milestone #{milestoneId}"));
        var bid = await db.Bids.AsNoTracking().FirstAsync(b => b.Id == milestone.BidId, ct);
        var isTeam = Permissions.CanSubmitMilestone(actor, bid);
        var isManager = Permissions.CanManageMilestones(actor, challenge);
        if (!isTeam && !isManager) throw new AccessDeniedException();
        var award = await db.Awards.AsNoTracking().FirstOrDefaultAsync(a => a.ChallengeId == challengeId && a.Status != AwardStatus.Revoked, ct);
        if (award?.Status != AwardStatus.Final || challenge.Status != ChallengeStatus.Awarded)
            throw new DomainException("evidence_not_open", L("挂帅生效、进入攻关验收阶段后才能上传里程碑证明材料", "Milestone evidence can be uploaded only once the award is final and delivery has begun"));
        var teamMayAdd = isTeam && milestone.Status is MilestoneStatus.Planned or MilestoneStatus.Returned;
        var managerMayAdd = isManager && milestone.Status == MilestoneStatus.Submitted;
        if (!teamMayAdd && !managerMayAdd)
            throw new DomainException("evidence_closed", milestone.Status switch
            {
                MilestoneStatus.Submitted => L("里程碑已提交、等待验收，揭榜团队不能再添加材料；如被退回可补充后重新提交", "The milestone has been submitted and awaits acceptance, so the team cannot add material now; if it is returned, add material and submit again"),
                MilestoneStatus.Planned or MilestoneStatus.Returned => L("发榜方只能在验收（通过或退回）已提交的里程碑时附加材料", "The poster can attach material only while deciding (accepting or returning) a submitted milestone"),
                _ => L("该里程碑已结束（已验收、已终止或已取消），不能再添加材料", "This milestone is closed (accepted, stopped or cancelled); no more material can be added"),
            });
        await EnsureRoomAsync(db, AttachmentOwnerKind.MilestoneEvidence, milestoneId, ct);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Milestone), milestoneId, "add_evidence", Now, reason: CleanName(fileName));
        return await StoreAsync(db, AttachmentOwnerKind.MilestoneEvidence, milestoneId, challengeId, actor, fileName, content, ct);
    }

    public async Task<IReadOnlyList<Attachment>> ListAsync(Actor actor, AttachmentOwnerKind kind, int ownerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Attachments.AsNoTracking().Where(a => a.OwnerKind == kind && a.OwnerId == ownerId).OrderBy(a => a.Id).ToListAsync(ct);
        if (rows.Count == 0 || !await CanReadAsync(db, actor, rows[0], ct)) return [];
        return rows;
    }

    /// <summary>The file, if this actor may read it; null otherwise (not distinguished from "does not exist").</summary>
    public async Task<(Attachment Attachment, Stream Content)?> OpenAsync(Actor actor, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null || !await CanReadAsync(db, actor, a, ct)) return null;
        var path = FullPath(a.StoredPath);
        if (!File.Exists(path)) return null;
        return (a, new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous));
    }

    public async Task DeleteAsync(Actor actor, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.Attachments.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(L($"附件 #{id}", $"attachment #{id}"));
        if (a.OwnerKind != AttachmentOwnerKind.Bid) throw new AccessDeniedException();
        var bid = await db.Bids.Include(b => b.Challenge).FirstAsync(b => b.Id == a.OwnerId, ct);
        if (!Permissions.IsBidAuthor(actor, bid)) throw new AccessDeniedException();
        if (bid.Status != BidStatus.Draft || bid.Challenge!.IsDeadlinePassed(Now))
            throw new DomainException("attachment_not_draft", L("附件只能在申请提交前（草稿状态）添加或删除，以便回执覆盖全部附件", "Attachments can only be added or removed before the bid is submitted (while it is a draft), so that the receipt covers all of them"));
        db.Attachments.Remove(a);
        await db.SaveChangesAsync(ct);
        TryDelete(FullPath(a.StoredPath)); // if this fails the file is an orphan, removed by the next cleanup
    }

    /// <summary>Deletes files no row refers to, and abandoned partial uploads, older than <paramref name="minAge"/>
    /// (younger ones may belong to an upload in progress).</summary>
    public async Task<int> CleanOrphansAsync(TimeSpan minAge, CancellationToken ct = default)
    {
        if (!Directory.Exists(options.Root)) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = (await db.Attachments.AsNoTracking().Select(a => a.StoredPath).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var cutoff = DateTime.UtcNow - minAge; // file times are wall-clock, not the portal's clock
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(options.Root, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(options.Root, file).Replace('\\', '/');
            if (known.Contains(rel) || File.GetLastWriteTimeUtc(file) > cutoff) continue;
            if (TryDelete(file)) removed++;
        }
        return removed;
    }

    public static bool CanReadBidAttachment(Actor actor, Bid bid, Challenge challenge, DateTime nowUtc) =>
        Permissions.CanSeeBid(actor, bid, challenge, nowUtc);

    private async Task<bool> CanReadAsync(AppDbContext db, Actor actor, Attachment a, CancellationToken ct)
    {
        if (actor.UserId is null) return false;
        switch (a.OwnerKind)
        {
            case AttachmentOwnerKind.Bid:
                var bid = await db.Bids.AsNoTracking().Include(b => b.Challenge).FirstOrDefaultAsync(b => b.Id == a.OwnerId, ct);
                return bid is not null && CanReadBidAttachment(actor, bid, bid.Challenge!, Now);
            case AttachmentOwnerKind.MilestoneEvidence:
                var challenge = await db.Challenges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == a.ChallengeId, ct);
                return challenge is not null && await CanSeeMilestoneEvidenceAsync(db, actor, challenge, ct);
            default:
                return false;
        }
    }

    /// <summary>Milestone evidence: the poster organisation, the selected bidders of that challenge (authors or lead
    /// organisation), admins.</summary>
    private static async Task<bool> CanSeeMilestoneEvidenceAsync(AppDbContext db, Actor actor, Challenge challenge, CancellationToken ct)
    {
        if (actor.UserId is null) return false;
        if (actor.IsAdmin || Permissions.IsPoster(actor, challenge)) return true;
        if (!actor.IsResearcher) return false;
        return await db.Bids.AnyAsync(b => b.ChallengeId == challenge.Id && b.Status == BidStatus.Selected
            && (b.CreatedByUserId == actor.UserId || (actor.OrganizationId != null && b.OrganizationId == actor.OrganizationId)), ct);
    }

    private async Task EnsureRoomAsync(AppDbContext db, AttachmentOwnerKind kind, int ownerId, CancellationToken ct)
    {
        if (await db.Attachments.CountAsync(a => a.OwnerKind == kind && a.OwnerId == ownerId, ct) >= options.MaxPerOwner)
            throw new DomainException("too_many_attachments", L($"附件不超过{options.MaxPerOwner}个", $"At most {options.MaxPerOwner} attachments"));
    }

    private async Task<Attachment> StoreAsync(AppDbContext db, AttachmentOwnerKind kind, int ownerId, int challengeId, Actor actor,
        string fileName, Stream content, CancellationToken ct)
    {
        var name = CleanName(fileName);
        var tmpDir = Path.Combine(options.Root, TempFolder);
        Directory.CreateDirectory(tmpDir);
        var id = Guid.NewGuid().ToString("N");
        var tmpPath = Path.Combine(tmpDir, id + ".part");
        string hash;
        long size = 0;
        SniffedType type;
        try
        {
            await using (var file = new FileStream(tmpPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > options.MaxBytes)
                        throw new DomainException("too_large", L($"文件超过大小上限（{options.MaxBytes / 1024 / 1024} MB）", $"The file exceeds the size limit ({options.MaxBytes / 1024 / 1024} MB)"));
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                if (size == 0) throw new DomainException("empty_file", L("文件为空", "The file is empty"));
                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
                type = FileSniffer.Sniff(file, name)
                    ?? throw new DomainException("unsupported_type", L("不支持的文件类型：只接受PDF、Word/Excel/PowerPoint文档和PNG/JPEG/GIF/WebP图片（按文件内容判断，而不是扩展名）", "Unsupported file type: only PDF, Word/Excel/PowerPoint documents and PNG/JPEG/GIF/WebP images are accepted (judged by the content, not the extension)"));
                var ext = Path.GetExtension(name).ToLowerInvariant();
                if (!type.Extensions.Contains(ext))
                    throw new DomainException("extension_mismatch", L($"文件内容是{type.Label}，与扩展名“{ext}”不符，请检查文件", $"The file's content is {type.Label}, which does not match its extension “{ext}”; check the file"));
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            var now = Now;
            var rel = $"{now:yyyy}/{now:MM}/{id}{type.Extensions[0]}";
            var final = FullPath(rel);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(tmpPath, final);
            var row = new Attachment
            {
                OwnerKind = kind, OwnerId = ownerId, ChallengeId = challengeId, OriginalName = name, ContentType = type.ContentType,
                SizeBytes = size, Sha256 = hash, StoredPath = rel, UploadedByUserId = actor.UserId!, UploadedAtUtc = now,
            };
            db.Attachments.Add(row);
            try { await db.SaveChangesAsync(CancellationToken.None); }
            catch { TryDelete(final); throw; }
            return row;
        }
        finally
        {
            TryDelete(tmpPath);
        }
    }

    private string FullPath(string rel)
    {
        var full = Path.GetFullPath(Path.Combine(options.Root, rel));
        if (!full.StartsWith(Path.GetFullPath(options.Root), StringComparison.Ordinal)) throw new InvalidOperationException("path escapes the attachments folder");
        return full;
    }

    private static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        name = new string(name.Where(c => !char.IsControl(c) && c != '"').ToArray());
        if (name.Length == 0) name = "file";
        if (name.Length > Attachment.MaxName)
        {
            var ext = Path.GetExtension(name);
            name = name[..(Attachment.MaxName - ext.Length)] + ext;
        }
        return name;
    }

    private static bool TryDelete(string path)
    {
        try { if (File.Exists(path)) { File.Delete(path); return true; } }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return false;
    }
}
