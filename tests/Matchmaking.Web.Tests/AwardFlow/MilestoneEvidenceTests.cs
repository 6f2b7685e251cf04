using System.Net;
using Matchmaking.Application.Attachments;
using Matchmaking.Application.Common;
using Matchmaking.Application.Delivery;
using Matchmaking.Application.Seeding;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Web.Tests.AwardFlow;

/// <summary>Evidence files on milestones: the appointed team adds them while preparing a hand-in (planned or
/// returned), the poster or an admin while deciding on a submitted milestone; nobody else, and nobody once decided.
/// They are listed on the board and served by the permission-checked download endpoint.</summary>
public class MilestoneEvidenceTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private AttachmentService Files => app.Get<AttachmentService>();

    private Task<Attachment> Upload(Application.Identity.Actor a, AwardFlowScenario s, int milestoneId, string name, byte[] bytes) =>
        Files.AddMilestoneEvidenceAsync(a, s.ChallengeId, milestoneId, name, new MemoryStream(bytes));

    private async Task<(AwardFlowScenario, Milestone)> PlannedAsync()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        await s.FinalParallelAwardAsync();
        await s.Delivery.PlanAsync(s.Poster, s.Bid1, [new("M1 样机", app.Clock.UtcNow.AddDays(60))]);
        return (s, (await s.Delivery.GetBoardAsync(s.Poster, s.ChallengeId))!.Teams.Single(t => t.Bid.Id == s.Bid1).Milestones.Single());
    }

    private async Task<Milestone> ReloadAsync(int id)
    {
        await using var db = await app.DbAsync();
        return await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private static async Task<string> RefusalAsync(Func<Task> action) => (await Assert.ThrowsAsync<DomainException>(action)).Code;

    [Fact]
    public async Task Team_AddsWhilePreparing_PosterAndAdminWhileDeciding_OthersNever()
    {
        var (s, m) = await PlannedAsync();

        // Planned: the team only.
        var report = await Upload(s.Bidder1, s, m.Id, "样机试验报告.pdf", DemoFiles.Pdf("report"));
        Assert.Equal("application/pdf", report.ContentType);
        Assert.Equal(AttachmentOwnerKind.MilestoneEvidence, report.OwnerKind);
        foreach (var other in new[] { s.Bidder2, s.Outsider, s.Reviewer })
            await Assert.ThrowsAsync<AccessDeniedException>(() => Upload(other, s, m.Id, "x.pdf", DemoFiles.Pdf("x")));
        Assert.Equal("evidence_closed", await RefusalAsync(() => Upload(s.Poster, s, m.Id, "p.pdf", DemoFiles.Pdf("p"))));
        // Content sniffing and the type rules are the attachments' own.
        Assert.Equal("unsupported_type", await RefusalAsync(() => Upload(s.Bidder1, s, m.Id, "disguised.pdf", "MZ\u0090\0this is an exe"u8.ToArray())));
        Assert.Equal("extension_mismatch", await RefusalAsync(() => Upload(s.Bidder1, s, m.Id, "photo.png", DemoFiles.Pdf("pdf"))));
        // The milestone must belong to the challenge named.
        await Assert.ThrowsAsync<NotFoundException>(() => Files.AddMilestoneEvidenceAsync(s.Bidder1, s.ChallengeId + 1000, m.Id, "a.pdf", new MemoryStream(DemoFiles.Pdf("a"))));

        // Submitted: the poster and admins, no longer the team.
        await s.Delivery.SubmitAsync(s.Bidder1, m.Id, "样机完成", m.Version);
        Assert.Equal("evidence_closed", await RefusalAsync(() => Upload(s.Bidder1, s, m.Id, "late.pdf", DemoFiles.Pdf("late"))));
        await Upload(s.Poster, s, m.Id, "复测记录.png", DemoFiles.Png());
        await Upload(s.Admin, s, m.Id, "核查意见.pdf", DemoFiles.Pdf("admin"));

        // Returned: the team adds what was missing, and hands in again.
        await s.Delivery.ReturnAsync(s.Poster, m.Id, "请补充第三方检测报告", (await ReloadAsync(m.Id)).Version);
        Assert.Equal("evidence_closed", await RefusalAsync(() => Upload(s.Poster, s, m.Id, "p2.pdf", DemoFiles.Pdf("p2"))));
        await Upload(s.Bidder1, s, m.Id, "第三方检测报告.docx", DemoFiles.Docx("检测"));
        await s.Delivery.SubmitAsync(s.Bidder1, m.Id, "已补充检测报告", (await ReloadAsync(m.Id)).Version);
        await s.Delivery.AcceptAsync(s.Poster, m.Id, null, (await ReloadAsync(m.Id)).Version);

        // Accepted: closed for everyone.
        Assert.Equal("evidence_closed", await RefusalAsync(() => Upload(s.Bidder1, s, m.Id, "after.pdf", DemoFiles.Pdf("after"))));
        Assert.Equal("evidence_closed", await RefusalAsync(() => Upload(s.Poster, s, m.Id, "after.pdf", DemoFiles.Pdf("after"))));

        await using var db = await app.DbAsync();
        Assert.Equal(4, await db.AuditEntries.CountAsync(e => e.EntityType == nameof(Milestone) && e.EntityId == m.Id.ToString() && e.Action == "add_evidence"));
    }

    [Fact]
    public async Task Board_ListsEachMilestonesFiles_ForThoseWhoSeeTheTrack_AndTheDownloadIsChecked()
    {
        var (s, m) = await PlannedAsync();
        var first = await Upload(s.Bidder1, s, m.Id, "a.pdf", DemoFiles.Pdf("a"));
        var second = await Upload(s.Bidder1, s, m.Id, "b.png", DemoFiles.Png());

        foreach (var who in new[] { s.Bidder1, s.Poster, s.Admin })
        {
            var board = (await s.Delivery.GetBoardAsync(who, s.ChallengeId))!;
            Assert.Equal(new[] { first.Id, second.Id }, board.EvidenceOf(m.Id).Select(a => a.Id));
        }
        // The other appointed team sees its own track only, so not these files either.
        var rival = (await s.Delivery.GetBoardAsync(s.Bidder2, s.ChallengeId))!;
        Assert.DoesNotContain(rival.Teams, t => t.Bid.Id == s.Bid1);
        Assert.Empty(rival.Evidence);
        Assert.Null(await s.Delivery.GetBoardAsync(s.Outsider, s.ChallengeId));

        var anonymous = await app.CreateClient().GetAsync($"/attachments/{first.Id}");
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        var opened = await Files.OpenAsync(s.Poster, first.Id);
        Assert.NotNull(opened);
        await opened.Value.Content.DisposeAsync();
        Assert.Null(await Files.OpenAsync(s.Outsider, first.Id));
    }
}
