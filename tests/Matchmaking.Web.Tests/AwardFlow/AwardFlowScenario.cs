using Matchmaking.Application.Awards;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Reviews;
using Matchmaking.Web.Tests.Infrastructure;

namespace Matchmaking.Web.Tests.AwardFlow;

/// <summary>The cast of the review → award → delivery lifecycle on the real app: a poster, an admin, two
/// reviewers on the panel (one from the first bidder's organisation), a reviewer not on it, two bidders, an
/// outsider, and a closed 赛马 challenge with two submitted bids. Every call goes through the services.</summary>
internal sealed class AwardFlowScenario
{
    public required PortalFactory App { get; init; }
    public required Actor Poster { get; init; }
    public required Actor Admin { get; init; }
    public required Actor Reviewer { get; init; }
    public required Actor SameOrgReviewer { get; init; }
    public required Actor OtherReviewer { get; init; }
    public required Actor Bidder1 { get; init; }
    public required Actor Bidder2 { get; init; }
    public required Actor Outsider { get; init; }
    public required int ChallengeId { get; init; }
    public required int Bid1 { get; init; }
    public required int Bid2 { get; init; }
    public required int ReviewerAssignment { get; init; }
    public required int SameOrgAssignment { get; init; }

    public ReviewService Reviews => App.Get<ReviewService>();
    public AwardService Awards => App.Get<AwardService>();
    public Application.Delivery.DeliveryService Delivery => App.Get<Application.Delivery.DeliveryService>();

    public static async Task<AwardFlowScenario> CreateAsync(PortalFactory app, AwardMode mode = AwardMode.Parallel)
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var admin = await app.AdminAsync();
        var bidder1 = await app.CreateUserAsync(Roles.Researcher);
        var bidder2 = await app.CreateUserAsync(Roles.Researcher);
        var reviewer = await app.CreateUserAsync(Roles.Reviewer, OrganizationType.ResearchInstitute);
        var sameOrg = await app.CreateUserAsync(Roles.Reviewer, organizationId: bidder1.OrganizationId);
        var otherReviewer = await app.CreateUserAsync(Roles.Reviewer, OrganizationType.ResearchInstitute);
        var outsider = await app.CreateUserAsync(Roles.Researcher);

        var challenges = app.Get<ChallengeService>();
        var id = await challenges.CreateAsync(poster, (await app.ContentAsync(deadlineDays: 5)) with { AwardMode = mode });
        await challenges.SubmitForReviewAsync(poster, id);
        await challenges.ApproveAsync(admin, id);
        var bids = app.Get<BidService>();
        var bid1 = await bids.CreateAsync(bidder1, id, await app.ProfileAsync(bidder1), BidContent());
        await bids.SubmitAsync(bidder1, bid1);
        var bid2 = await bids.CreateAsync(bidder2, id, await app.ProfileAsync(bidder2), BidContent());
        await bids.SubmitAsync(bidder2, bid2);

        var reviews = app.Get<ReviewService>();
        var a1 = await reviews.AssignAsync(admin, id, reviewer.UserId!);
        var a2 = await reviews.AssignAsync(admin, id, sameOrg.UserId!);
        app.Clock.Advance(TimeSpan.FromDays(6)); // the deadline passes
        await challenges.CloseDueAsync();
        return new AwardFlowScenario
        {
            App = app, Poster = poster, Admin = admin, Reviewer = reviewer, SameOrgReviewer = sameOrg, OtherReviewer = otherReviewer,
            Bidder1 = bidder1, Bidder2 = bidder2, Outsider = outsider, ChallengeId = id, Bid1 = bid1, Bid2 = bid2,
            ReviewerAssignment = a1, SameOrgAssignment = a2,
        };
    }

    public static BidContent BidContent() => new()
    {
        TechnicalApproach = "镍基合金叶轮+干气密封", MilestonePlan = "M1（第1–6个月）：样机\nM2（第7–12个月）：中试", BudgetAskedWan = 500,
        TeamDescription = "12人团队",
    };

    public static IReadOnlyDictionary<string, int> Scores(int each) => Rubric.DefaultCriteria().ToDictionary(c => c.Name, _ => each);

    /// <summary>Both bids appointed (赛马) and the 公示 over: the award is final and delivery open.</summary>
    public async Task<int> FinalParallelAwardAsync()
    {
        var awardId = await Awards.DecideAsync(Poster, ChallengeId, [Bid1, Bid2], new Dictionary<int, NotSelectedDecision>());
        App.Clock.Advance(TimeSpan.FromDays(Awards.Options.PublicityDays + 1));
        await Awards.FinalizeDueAsync();
        return awardId;
    }
}
