using System.IO.Compression;
using System.Net;
using Matchmaking.Application.Attachments;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Common;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Seeding;
using Matchmaking.Web.Tests.Infrastructure;
using Matchmaking.Web.Tests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Web.Tests.Attachments;

/// <summary>Uploads are judged by their bytes, not their names; files are served only to those who may see the owner.</summary>
public sealed class AttachmentTests : IDisposable
{
    private readonly MailPortalFactory _app = new(); // MaxBytes = 64 KiB there
    private AttachmentService Files => _app.Get<AttachmentService>();
    private BidService Bids => _app.Get<BidService>();

    public void Dispose() => _app.Dispose();

    private async Task<(Actor poster, Actor author, int challengeId, int bidId)> DraftBidAsync(string? posterEmail = null, string? authorEmail = null)
    {
        var poster = await _app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise, posterEmail);
        var author = await _app.CreateUserAsync(Roles.Researcher, email: authorEmail);
        var challengeId = await _app.PublishedChallengeAsync(poster);
        var bidId = await Bids.CreateAsync(author, challengeId, await _app.ProfileAsync(author), new BidContent
        {
            TechnicalApproach = "路线", MilestonePlan = "计划", BudgetAskedWan = 100, TeamDescription = "团队",
        });
        return (poster, author, challengeId, bidId);
    }

    private Task<Attachment> Upload(Actor a, int bidId, string name, byte[] bytes) => Files.AddToBidAsync(a, bidId, name, new MemoryStream(bytes));

    private string AttachmentsRoot => Path.Combine(_app.DataDir, "attachments");

    private IEnumerable<string> StoredFiles => Directory.Exists(AttachmentsRoot)
        ? Directory.EnumerateFiles(AttachmentsRoot, "*", SearchOption.AllDirectories) : [];

    [Fact]
    public async Task RealFiles_AreStored_WithSniffedTypeAndHash()
    {
        var (_, author, _, bidId) = await DraftBidAsync();
        var pdf = DemoFiles.Pdf("Test report");

        var a = await Upload(author, bidId, "report.pdf", pdf);
        var png = await Upload(author, bidId, "photo.PNG", DemoFiles.Png());
        var docx = await Upload(author, bidId, "方案.docx", DemoFiles.Docx("方案"));

        Assert.Equal("application/pdf", a.ContentType);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), a.Sha256);
        Assert.Equal(pdf.Length, a.SizeBytes);
        Assert.Equal("image/png", png.ContentType);
        Assert.Equal(FileSniffer.Docx.ContentType, docx.ContentType);
        Assert.Equal("方案.docx", docx.OriginalName);
        Assert.Equal(3, StoredFiles.Count());
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(AttachmentsRoot, a.StoredPath)));
    }

    public static TheoryData<string, byte[], string> Disguised => new()
    {
        { "setup.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0xB8], "unsupported_type" },
        { "scan.png", DemoFiles.Pdf("not an image"), "extension_mismatch" },
        { "data.docx", PlainZip(), "unsupported_type" },
        { "report.pdf", "<html><script>alert(1)</script></html>"u8.ToArray(), "unsupported_type" },
        { "legacy.bin", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0], "unsupported_type" },
        { "empty.pdf", [], "empty_file" },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task DisguisedFiles_AreRefused_AndLeaveNothingBehind(string name, byte[] bytes, string code)
    {
        var (_, author, _, bidId) = await DraftBidAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(() => Upload(author, bidId, name, bytes));

        Assert.Equal(code, ex.Code);
        Assert.Empty(StoredFiles);
        await using var db = await _app.DbAsync();
        Assert.Equal(0, await db.Attachments.CountAsync());
    }

    [Fact]
    public async Task Oversize_IsRefused_WhileCopying()
    {
        var (_, author, _, bidId) = await DraftBidAsync();
        var big = DemoFiles.Pdf("x").Concat(new byte[70_000]).ToArray();

        var ex = await Assert.ThrowsAsync<DomainException>(() => Upload(author, bidId, "big.pdf", big));

        Assert.Equal("too_large", ex.Code);
        Assert.Empty(StoredFiles);
    }

    [Fact]
    public async Task OnlyTheAuthor_OfADraft_MayUpload()
    {
        var (poster, author, challengeId, bidId) = await DraftBidAsync();
        var other = await _app.CreateUserAsync(Roles.Researcher);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Upload(other, bidId, "a.pdf", DemoFiles.Pdf("a")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Upload(poster, bidId, "a.pdf", DemoFiles.Pdf("a")));
        await Bids.SubmitAsync(author, bidId);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Upload(author, bidId, "a.pdf", DemoFiles.Pdf("a")));
        Assert.Equal("attachment_not_draft", ex.Code);
    }

    [Fact]
    public async Task BidAttachment_IsServed_AsTheBidItself()
    {
        var (poster, author, challengeId, bidId) = await DraftBidAsync("poster@att.test", "author@att.test");
        await _app.CreateUserAsync(Roles.Researcher, email: "other@att.test");
        await _app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise, "otherposter@att.test");
        var a = await Upload(author, bidId, "report.pdf", DemoFiles.Pdf("Sealed"));
        await Bids.SubmitAsync(author, bidId);
        var url = $"/attachments/{a.Id}";

        var asAuthor = await (await _app.SignedInClientAsync("author@att.test")).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, asAuthor.StatusCode);
        Assert.Equal("application/pdf", asAuthor.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", asAuthor.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", asAuthor.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(DemoFiles.Pdf("Sealed"), await asAuthor.Content.ReadAsByteArrayAsync());

        var posterClient = await _app.SignedInClientAsync("poster@att.test");
        Assert.Equal(HttpStatusCode.NotFound, (await posterClient.GetAsync(url)).StatusCode); // sealed before the deadline
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.SignedInClientAsync("other@att.test")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.SignedInClientAsync("otherposter@att.test")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await _app.SignedInClientAsync(PortalFactory.AdminEmail)).GetAsync(url)).StatusCode);

        _app.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(HttpStatusCode.OK, (await (await _app.SignedInClientAsync("poster@att.test")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.SignedInClientAsync("otherposter@att.test")).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task MilestoneEvidence_IsServed_ToPosterOrgSelectedBiddersAndAdmins()
    {
        var (poster, author, challengeId, bidId) = await DraftBidAsync("p@ms.test", "winner@ms.test");
        await _app.CreateUserAsync(Roles.Enterprise, email: "colleague@ms.test", organizationId: poster.OrganizationId);
        var loser = await _app.CreateUserAsync(Roles.Researcher, email: "loser@ms.test");
        var loserBid = await Bids.CreateAsync(loser, challengeId, await _app.ProfileAsync(loser), new BidContent
        {
            TechnicalApproach = "路线", MilestonePlan = "计划", BudgetAskedWan = 100, TeamDescription = "团队",
        });
        await Bids.SubmitAsync(author, bidId);
        await Bids.SubmitAsync(loser, loserBid);
        _app.Clock.Advance(TimeSpan.FromDays(31));
        await _app.Get<Matchmaking.Application.Awards.AwardService>().DecideAsync(poster, challengeId, [bidId],
            new Dictionary<int, Matchmaking.Application.Awards.NotSelectedDecision> { [loserBid] = new(NotSelectedReason.LowerScore) });

        var awards = _app.Get<Matchmaking.Application.Awards.AwardService>();
        _app.Clock.Advance(TimeSpan.FromDays(awards.Options.PublicityDays + 1));
        await awards.FinalizeDueAsync();
        var delivery = _app.Get<Matchmaking.Application.Delivery.DeliveryService>();
        await delivery.PlanAsync(poster, bidId, [new("M1", _app.Clock.UtcNow.AddDays(30))]);
        var milestoneId = (await delivery.GetBoardAsync(poster, challengeId))!.Teams.Single().Milestones.Single().Id;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Files.AddMilestoneEvidenceAsync(loser, challengeId, milestoneId, "e.pdf", new MemoryStream(DemoFiles.Pdf("e"))));
        var evidence = await Files.AddMilestoneEvidenceAsync(author, challengeId, milestoneId, "evidence.png", new MemoryStream(DemoFiles.Png()));
        var url = $"/attachments/{evidence.Id}";

        foreach (var email in new[] { "p@ms.test", "colleague@ms.test", "winner@ms.test", PortalFactory.AdminEmail })
            Assert.Equal(HttpStatusCode.OK, (await (await _app.SignedInClientAsync(email)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.SignedInClientAsync("loser@ms.test")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Cleanup_RemovesOrphanFiles_KeepsReferencedOnes()
    {
        var (_, author, _, bidId) = await DraftBidAsync();
        var kept = await Upload(author, bidId, "kept.pdf", DemoFiles.Pdf("kept"));
        var orphan = Path.Combine(AttachmentsRoot, "2026", "01", "orphan.pdf");
        var partial = Path.Combine(AttachmentsRoot, "tmp", "crashed.part");
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        await File.WriteAllBytesAsync(orphan, DemoFiles.Pdf("orphan"));
        await File.WriteAllBytesAsync(partial, [1, 2, 3]);
        var young = Path.Combine(AttachmentsRoot, "tmp", "uploading.part");
        await File.WriteAllBytesAsync(young, [1]);
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(partial, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(Path.Combine(AttachmentsRoot, kept.StoredPath), DateTime.UtcNow.AddHours(-2));

        Assert.Equal(2, await Files.CleanOrphansAsync(TimeSpan.FromHours(1)));

        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(partial));
        Assert.True(File.Exists(young)); // may be an upload in progress
        Assert.True(File.Exists(Path.Combine(AttachmentsRoot, kept.StoredPath)));
    }

    private static byte[] PlainZip()
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(zip.CreateEntry("readme.txt").Open())) w.Write("just a zip");
        return ms.ToArray();
    }
}
