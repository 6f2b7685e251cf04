using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Notifications;
using Matchmaking.Application.Organizations;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Web.Tests.Notifications;

/// <summary>The bell's rows: who gets what, sealed bids, once-per-challenge sweeps, and that a user only touches their own.</summary>
public sealed class NotificationTests : IDisposable
{
    private readonly MailPortalFactory _app = new();
    private NotificationService Notifications => _app.Get<NotificationService>();
    private BidService Bids => _app.Get<BidService>();

    public void Dispose() => _app.Dispose();

    private static BidContent Content(string approach = "技术路线") => new()
    {
        TechnicalApproach = approach, MilestonePlan = "计划", BudgetAskedWan = 100, TeamDescription = "团队",
    };

    [Fact]
    public async Task BidReceived_BeforeDeadline_PosterSeesOnlyTheCount()
    {
        var poster = await _app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var colleague = await _app.CreateUserAsync(Roles.Enterprise, organizationId: poster.OrganizationId);
        var challengeId = await _app.PublishedChallengeAsync(poster);
        for (var i = 0; i < 2; i++)
        {
            var r = await _app.CreateUserAsync(Roles.Researcher);
            var bidId = await Bids.CreateAsync(r, challengeId, await _app.ProfileAsync(r), Content($"秘密路线{i}"));
            await Bids.SubmitAsync(r, bidId);
        }

        var page = await Notifications.ListAsync(poster);
        Assert.Equal(2, page.Total);
        Assert.All(page.Items, n => Assert.Equal(NotificationKind.BidReceived, n.Kind));
        Assert.Contains("共有 2 份", page.Items[0].Body);
        Assert.All(page.Items, n => Assert.DoesNotContain("秘密路线", n.Body + n.Title));
        Assert.Equal(2, await Notifications.UnreadCountAsync(colleague)); // every user of the poster organisation
        Assert.Equal(2, (await _app.Get<ChallengeService>().GetAsync(poster, challengeId))!.BidCount);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.ListForChallengeAsync(poster, challengeId));
    }

    [Fact]
    public async Task MarkRead_OnlyOwnNotifications()
    {
        var a = await _app.CreateUserAsync(Roles.Researcher);
        var b = await _app.CreateUserAsync(Roles.Researcher);
        await using (var db = await _app.DbAsync())
        {
            db.Notify([a.UserId!, a.UserId!, b.UserId!], NotificationKind.Other, "t", "b", null, null, _app.Clock.UtcNow);
            db.Notify([a.UserId!], NotificationKind.Other, "t2", "b2", null, null, _app.Clock.UtcNow);
            await db.SaveChangesAsync();
        }
        var aItems = (await Notifications.ListAsync(a)).Items;
        var bItem = Assert.Single((await Notifications.ListAsync(b)).Items);
        Assert.Equal(2, aItems.Count); // duplicate ids are one notification

        await Assert.ThrowsAsync<NotFoundException>(() => Notifications.MarkReadAsync(a, bItem.Id));
        await Notifications.MarkReadAsync(a, aItems[0].Id);
        Assert.Equal(1, await Notifications.UnreadCountAsync(a));
        Assert.Equal(1, await Notifications.UnreadCountAsync(b));
        Assert.Equal(1, await Notifications.MarkAllReadAsync(a));
        Assert.Equal(0, await Notifications.UnreadCountAsync(a));
        Assert.Equal(1, await Notifications.UnreadCountAsync(b));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Notifications.MarkAllReadAsync(Actor.Anonymous));
    }

    [Fact]
    public async Task DeadlineSoon_IsSentOncePerChallenge_ToPosterAndDrafters()
    {
        var poster = await _app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var drafter = await _app.CreateUserAsync(Roles.Researcher);
        var submitter = await _app.CreateUserAsync(Roles.Researcher);
        var challengeId = await _app.PublishedChallengeAsync(poster, deadlineDays: 10);
        await Bids.CreateAsync(drafter, challengeId, await _app.ProfileAsync(drafter), Content());
        var submitted = await Bids.CreateAsync(submitter, challengeId, await _app.ProfileAsync(submitter), Content());
        await Bids.SubmitAsync(submitter, submitted);
        var sweeps = _app.Get<NotificationSweeps>();

        Assert.Equal(0, await sweeps.DeadlineSoonAsync()); // 10 days out
        _app.Clock.Advance(TimeSpan.FromDays(7.5));
        Assert.Equal(1, await sweeps.DeadlineSoonAsync());
        Assert.Equal(0, await sweeps.DeadlineSoonAsync());
        _app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await sweeps.DeadlineSoonAsync());

        await using var db = await _app.DbAsync();
        var soon = await db.Notifications.Where(n => n.Kind == NotificationKind.DeadlineSoon).ToListAsync();
        Assert.Equal(new[] { drafter.UserId!, poster.UserId! }.Order(), soon.Select(n => n.UserId).Order());
        Assert.DoesNotContain(soon, n => n.UserId == submitter.UserId);
    }

    [Fact]
    public async Task NewlyPublishedChallenge_NotifiesOwnersOfMatchingTeams_Once()
    {
        var poster = await _app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var matching = await _app.CreateUserAsync(Roles.Researcher);
        var unrelated = await _app.CreateUserAsync(Roles.Researcher);
        await _app.ProfileAsync(matching); // 熔盐泵, field 480: what the test challenge asks for
        await _app.Get<Matchmaking.Application.Profiles.ProfileService>().CreateAsync(unrelated, new Matchmaking.Application.Profiles.ProfileContent
        {
            Name = "古典文献团队", LeadName = "李教授", Summary = "研究宋代版本目录学。", Skills = ["版本目录学"], FieldCodes = ["480"],
        });
        var challengeId = await _app.PublishedChallengeAsync(poster);
        var sweeps = _app.Get<NotificationSweeps>();

        Assert.Equal(1, await sweeps.NewMatchesAsync());
        Assert.Equal(0, await sweeps.NewMatchesAsync());

        var mine = (await Notifications.ListAsync(matching)).Items;
        var n = Assert.Single(mine);
        Assert.Equal(NotificationKind.NewMatchingChallenge, n.Kind);
        Assert.Equal($"/challenges/{challengeId}", n.Link);
        Assert.Equal(0, await Notifications.UnreadCountAsync(unrelated));
        Assert.Equal(0, await Notifications.UnreadCountAsync(poster));
    }

    [Fact]
    public async Task NotificationsPage_RendersInChineseAndEnglish_OnlyForSignedInUsers()
    {
        var user = await _app.CreateUserAsync(Roles.Researcher, email: "reader@notify.test");
        await using (var db = await _app.DbAsync())
        {
            db.Notify([user.UserId!], NotificationKind.DeadlineSoon, "截止提醒标题", "正文", "/challenges/1", null, _app.Clock.UtcNow);
            await db.SaveChangesAsync();
        }
        var client = await _app.SignedInClientAsync("reader@notify.test");

        var zh = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/notifications"));
        var en = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/notifications?culture=en"));

        Assert.Contains("全部标为已读", zh);
        Assert.Contains("截止提醒标题", zh);
        Assert.Contains("data-count=\"1\"", zh); // the bell
        Assert.Contains("Mark all read", en);
        Assert.Contains("Deadline soon", en);
        var anonymous = await _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync("/notifications");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, anonymous.StatusCode);
    }
}
