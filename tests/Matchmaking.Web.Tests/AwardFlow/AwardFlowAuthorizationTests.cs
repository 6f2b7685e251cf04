using Matchmaking.Application.Awards;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Delivery;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Reviews;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaking.Web.Tests.AwardFlow;

/// <summary>Every new cell of the matrix (poster, admin, reviewer, other reviewer, bidder, other user, anonymous)
/// through the services the pages call, on the real app and database. Each denied call would succeed if its check
/// were removed from <see cref="Permissions"/> or the service.</summary>
public class AwardFlowAuthorizationTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private static readonly Dictionary<int, NotSelectedDecision> NoReasons = [];

    [Fact]
    public async Task ReviewPanel_IsSeenByPosterAdminAndItsReviewers_Only()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        Assert.True((await s.Reviews.GetPanelAsync(s.Poster, s.ChallengeId))!.CanSeeScores);
        Assert.True((await s.Reviews.GetPanelAsync(s.Admin, s.ChallengeId))!.CanSeeScores);
        var undeclared = await s.Reviews.GetPanelAsync(s.Reviewer, s.ChallengeId);
        Assert.False(undeclared!.CanSeeScores); // before declaring conflicts: only who bid
        Assert.Empty(undeclared.Bids);
        Assert.Equal(2, undeclared.BidderOrganizations.Count);
        await s.Reviews.DeclareAsync(s.Reviewer, s.ReviewerAssignment, false, null);
        var reviewerView = await s.Reviews.GetPanelAsync(s.Reviewer, s.ChallengeId);
        Assert.True(reviewerView!.CanSeeScores);
        Assert.Equal(2, reviewerView.Bids.Count);
        Assert.Null(await s.Reviews.GetPanelAsync(s.OtherReviewer, s.ChallengeId));
        Assert.Null(await s.Reviews.GetPanelAsync(s.Bidder1, s.ChallengeId));
        Assert.Null(await s.Reviews.GetPanelAsync(s.Outsider, s.ChallengeId));
        Assert.Null(await s.Reviews.GetPanelAsync(Actor.Anonymous, s.ChallengeId));
    }

    [Fact]
    public async Task Rubric_PosterOrAdmin_NotReviewersOrBidders()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        var criteria = new List<RubricCriterion> { new() { Name = "技术", Weight = 60 }, new() { Name = "团队", Weight = 40 } };
        foreach (var denied in new[] { s.Reviewer, s.Bidder1, s.Outsider, Actor.Anonymous })
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.Reviews.SaveRubricAsync(denied, s.ChallengeId, criteria, null));
        await s.Reviews.SaveRubricAsync(s.Poster, s.ChallengeId, criteria, null);
        await s.Reviews.SaveRubricAsync(s.Admin, s.ChallengeId, criteria, null);
        Assert.Equal(["技术", "团队"], (await s.Reviews.GetPanelAsync(s.Poster, s.ChallengeId))!.Criteria.Select(c => c.Name));
    }

    [Fact]
    public async Task AssignReviewers_AdminOnly_AndOnlyUsersWithTheReviewerRole()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        foreach (var denied in new[] { s.Poster, s.Reviewer, s.Bidder1, Actor.Anonymous })
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.Reviews.AssignAsync(denied, s.ChallengeId, s.OtherReviewer.UserId!));
        var ex = await Assert.ThrowsAsync<DomainException>(() => s.Reviews.AssignAsync(s.Admin, s.ChallengeId, s.Outsider.UserId!));
        Assert.Equal("not_reviewer", ex.Code);
        await s.Reviews.AssignAsync(s.Admin, s.ChallengeId, s.OtherReviewer.UserId!);
        Assert.NotNull(await s.Reviews.GetPanelAsync(s.OtherReviewer, s.ChallengeId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => s.Reviews.ListReviewersAsync(s.Poster));
        Assert.Contains(await s.Reviews.ListReviewersAsync(s.Admin), r => r.UserId == s.OtherReviewer.UserId);
    }

    [Fact]
    public async Task ReviewerRole_IsGrantedByAdminsOnly()
    {
        using var scope = app.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<ReviewerAccounts>();
        var user = await app.CreateUserAsync(Roles.Researcher, email: $"expert{Guid.NewGuid():N}@test.local");
        var email = (await app.DbAsync()).Users.Single(u => u.Id == user.UserId).Email!;
        var enterprise = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.GrantAsync(enterprise, email));
        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.CreateAsync(Actor.Anonymous, new NewReviewer("x@test.local", "专家", null, "Test@12345")));
        await accounts.GrantAsync(await app.AdminAsync(), email);
        Assert.Contains(await app.Get<ReviewService>().ListReviewersAsync(await app.AdminAsync()), r => r.UserId == user.UserId);
        var created = await accounts.CreateAsync(await app.AdminAsync(), new NewReviewer($"new{Guid.NewGuid():N}@test.local", "新专家", null, "Test@12345"));
        Assert.Contains(await app.Get<ReviewService>().ListReviewersAsync(await app.AdminAsync()), r => r.UserId == created);
    }

    [Fact]
    public async Task Declare_OnlyTheAssignedReviewerThemselves()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        foreach (var denied in new[] { s.OtherReviewer, s.SameOrgReviewer, s.Poster, s.Admin, s.Bidder1, Actor.Anonymous })
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.Reviews.DeclareAsync(denied, s.ReviewerAssignment, false, null));
        await s.Reviews.DeclareAsync(s.Reviewer, s.ReviewerAssignment, false, null);
    }

    [Fact]
    public async Task Score_OnlyByTheDeclaredReviewer_AndNeverABidOfTheirOwnOrganisation()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        var scores = AwardFlowScenario.Scores(8);
        var notDeclared = await Assert.ThrowsAsync<DomainException>(() => s.Reviews.SubmitAsync(s.Reviewer, s.ReviewerAssignment, s.Bid1, scores, "好"));
        Assert.Equal("conflict_not_declared", notDeclared.Code);
        await s.Reviews.DeclareAsync(s.Reviewer, s.ReviewerAssignment, false, null);
        foreach (var denied in new[] { s.OtherReviewer, s.Poster, s.Admin, s.Bidder1, s.Outsider, Actor.Anonymous })
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.Reviews.SubmitAsync(denied, s.ReviewerAssignment, s.Bid1, scores, "越权评分"));
        await s.Reviews.SubmitAsync(s.Reviewer, s.ReviewerAssignment, s.Bid1, scores, "路线可行");

        await s.Reviews.DeclareAsync(s.SameOrgReviewer, s.SameOrgAssignment, false, null);
        var excluded = await Assert.ThrowsAsync<DomainException>(() => s.Reviews.SubmitAsync(s.SameOrgReviewer, s.SameOrgAssignment, s.Bid1, scores, "同单位"));
        Assert.Equal("excluded_same_org", excluded.Code);
        await s.Reviews.SubmitAsync(s.SameOrgReviewer, s.SameOrgAssignment, s.Bid2, scores, "可以");

        // The poster's representative joins and scores too; the progress counts them.
        var seat = await s.Reviews.JoinAsPosterAsync(s.Poster, s.ChallengeId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => s.Reviews.JoinAsPosterAsync(s.Bidder1, s.ChallengeId));
        await s.Reviews.DeclareAsync(s.Poster, seat, false, null);
        await s.Reviews.SubmitAsync(s.Poster, seat, s.Bid2, AwardFlowScenario.Scores(6), "经费偏高");
        var panel = (await s.Reviews.GetPanelAsync(s.Admin, s.ChallengeId))!;
        Assert.Equal((1, 3, 3, 5), (panel.Progress.ReviewersDone, panel.Progress.Reviewers, panel.Progress.ReviewsDone, panel.Progress.ReviewsExpected));
    }

    [Fact]
    public async Task DecideAward_PosterOrAdmin_NotReviewersBiddersOrOthers()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        var otherEnterprise = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        foreach (var denied in new[] { otherEnterprise, s.Reviewer, s.Bidder1, s.Outsider, Actor.Anonymous })
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.Awards.DecideAsync(denied, s.ChallengeId, [s.Bid1, s.Bid2], NoReasons));
        await s.Awards.DecideAsync(s.Admin, s.ChallengeId, [s.Bid1, s.Bid2], NoReasons);
        Assert.Equal(ChallengeStatus.Awarded, (await app.Get<ChallengeService>().GetAsync(s.Poster, s.ChallengeId))!.Challenge.Status);
        var twice = await Assert.ThrowsAsync<DomainException>(() => s.Awards.DecideAsync(s.Poster, s.ChallengeId, [s.Bid1], NoReasons));
        Assert.Equal("not_closed", twice.Code);
    }

    [Fact]
    public async Task Objections_AnySignedInUserLodges_AdminsAnswer_OnlyTheObjectorAndAdminsRead()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        var awardId = await s.Awards.DecideAsync(s.Poster, s.ChallengeId, [s.Bid1], new Dictionary<int, NotSelectedDecision>
            { [s.Bid2] = new(Application.Bids.NotSelectedReason.BudgetOrSchedule, "经费测算偏高") });
        await Assert.ThrowsAsync<AccessDeniedException>(() => s.Awards.LodgeObjectionAsync(Actor.Anonymous, awardId, "匿名异议"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => s.Awards.LodgeObjectionAsync(s.Admin, awardId, "管理员不提异议，只答复"));
        var objectionId = await s.Awards.LodgeObjectionAsync(s.Bidder2, awardId, "我方经费测算有第三方依据");
        await s.Awards.LodgeObjectionAsync(s.Outsider, awardId, "公示信息不完整");

        var publicView = (await s.Awards.GetAsync(Actor.Anonymous, awardId))!;
        Assert.Equal(2, publicView.ObjectionCount);
        Assert.Empty(publicView.VisibleObjections);
        Assert.Single((await s.Awards.GetAsync(s.Bidder2, awardId))!.VisibleObjections);
        Assert.Empty((await s.Awards.GetAsync(s.Poster, awardId))!.VisibleObjections);
        var adminView = (await s.Awards.GetAsync(s.Admin, awardId))!;
        Assert.Equal(2, adminView.VisibleObjections.Count);
        Assert.All(adminView.VisibleObjections, o => Assert.NotNull(o.ByName));

        foreach (var denied in new[] { s.Poster, s.Reviewer, s.Bidder2, s.Outsider, Actor.Anonymous })
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.Awards.AnswerObjectionAsync(denied, objectionId, "自行答复", upheld: false));
        await s.Awards.AnswerObjectionAsync(s.Admin, objectionId, "经费测算已复核，异议不成立", upheld: false);
        var answered = (await s.Awards.GetAsync(s.Bidder2, awardId))!.VisibleObjections.Single().Objection;
        Assert.Equal(ObjectionStatus.Dismissed, answered.Status);
    }

    [Fact]
    public async Task Milestones_PosterOrAdminPlansAndDecides_TheTeamSubmitsItsOwn()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        var due = app.Clock.UtcNow.AddMonths(3);
        await s.Awards.DecideAsync(s.Poster, s.ChallengeId, [s.Bid1, s.Bid2], NoReasons);
        var early = await Assert.ThrowsAsync<DomainException>(() => s.Delivery.PlanAsync(s.Poster, s.Bid1, [new("M1 样机", due)]));
        Assert.Equal("publicity_pending", early.Code);
        app.Clock.Advance(TimeSpan.FromDays(8));
        await s.Awards.FinalizeDueAsync();
        due = app.Clock.UtcNow.AddMonths(3);

        foreach (var denied in new[] { s.Reviewer, s.Bidder1, s.Outsider, Actor.Anonymous })
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.Delivery.PlanAsync(denied, s.Bid1, [new("M1", due)]));
        await s.Delivery.PlanAsync(s.Poster, s.Bid1, [new("M1 样机", due)]);
        await s.Delivery.PlanAsync(s.Admin, s.Bid2, [new("M1 样机", due)]);

        var board = (await s.Delivery.GetBoardAsync(s.Poster, s.ChallengeId))!;
        Assert.Equal(2, board.Teams.Count);
        var own = (await s.Delivery.GetBoardAsync(s.Bidder1, s.ChallengeId))!;
        Assert.Equal([s.Bid1], own.Teams.Select(t => t.Bid.Id)); // a team sees only its own track
        Assert.Null(await s.Delivery.GetBoardAsync(s.Outsider, s.ChallengeId));
        Assert.Null(await s.Delivery.GetBoardAsync(s.Reviewer, s.ChallengeId));
        Assert.Null(await s.Delivery.GetBoardAsync(Actor.Anonymous, s.ChallengeId));

        var m1 = board.Teams.Single(t => t.Bid.Id == s.Bid1).Milestones.Single();
        foreach (var denied in new[] { s.Bidder2, s.Poster, s.Admin, s.Outsider, Actor.Anonymous })
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.Delivery.SubmitAsync(denied, m1.Id, "越权提交", m1.Version));
        await s.Delivery.SubmitAsync(s.Bidder1, m1.Id, "样机检测报告", m1.Version);
        var submitted = (await s.Delivery.GetBoardAsync(s.Poster, s.ChallengeId))!.Teams.Single(t => t.Bid.Id == s.Bid1).Milestones.Single();
        foreach (var denied in new[] { s.Bidder1, s.Reviewer, s.Outsider, Actor.Anonymous })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.Delivery.AcceptAsync(denied, m1.Id, null, submitted.Version));
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.Delivery.ReturnAsync(denied, m1.Id, "退回", submitted.Version));
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.Delivery.StopTeamAsync(denied, m1.Id, "终止", submitted.Version));
        }
        await s.Delivery.ReturnAsync(s.Poster, m1.Id, "寿命数据不足", submitted.Version);
        var returned = (await s.Delivery.GetBoardAsync(s.Bidder1, s.ChallengeId))!.Teams.Single().Milestones.Single();
        await s.Delivery.SubmitAsync(s.Bidder1, m1.Id, "补充寿命数据", returned.Version);
        // The admin's page still shows the first submission: accepting from it is a conflict, not a silent overwrite.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => s.Delivery.AcceptAsync(s.Admin, m1.Id, null, submitted.Version));
    }
}
