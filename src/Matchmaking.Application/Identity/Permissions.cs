using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Profiles;

namespace Matchmaking.Application.Identity;

/// <summary>The authorization matrix of DESIGN.md §4 as pure functions. Services enforce them on every
/// call; the web layer's policies and handlers ask the same functions, so the UI can only hide what the
/// server would refuse anyway.</summary>
public static class Permissions
{
    public static bool CanViewChallenge(Actor a, Challenge c) =>
        c.IsPublic || a.IsAdmin || IsPoster(a, c);

    public static bool CanCreateChallenge(Actor a) => a.IsAdmin || (a.IsEnterprise && a.OrganizationId is not null);

    public static bool CanEditChallenge(Actor a, Challenge c) => c.IsEditable && (a.IsAdmin || IsPoster(a, c));

    public static bool CanSubmitChallenge(Actor a, Challenge c) => c.IsEditable && (a.IsAdmin || IsPoster(a, c));

    public static bool CanModerate(Actor a) => a.IsAdmin;

    public static bool CanCancelChallenge(Actor a, Challenge c) => a.IsAdmin || IsPoster(a, c);

    /// <summary>Bid counts: the poster and admins (anonymous visitors see none).</summary>
    public static bool CanSeeBidCount(Actor a, Challenge c) => a.IsAdmin || IsPoster(a, c);

    /// <summary>Bid content on a challenge: admins always; the poster only once the deadline passed.</summary>
    public static bool CanSeeBidsOf(Actor a, Challenge c, DateTime nowUtc) =>
        a.IsAdmin || (IsPoster(a, c) && c.IsDeadlinePassed(nowUtc));

    public static bool IsBidAuthor(Actor a, Bid b) => a.UserId is not null && a.IsResearcher && b.CreatedByUserId == a.UserId;

    public static bool CanSeeBid(Actor a, Bid b, Challenge c, DateTime nowUtc) =>
        IsBidAuthor(a, b) || CanSeeBidsOf(a, c, nowUtc);

    public static bool CanBid(Actor a) => a.IsResearcher && a.OrganizationId is not null;

    /// <summary>Select winners, shortlist, record milestones: the poster of the challenge, or an admin.</summary>
    public static bool CanDecideBids(Actor a, Challenge c) => a.IsAdmin || IsPoster(a, c);

    public static bool CanEditProfile(Actor a, CapabilityProfile p) =>
        a.IsAdmin || (a.IsResearcher && a.UserId is not null && p.OwnerUserId == a.UserId);

    public static bool CanViewProfile(Actor a, CapabilityProfile p) => p.IsPublic || CanEditProfile(a, p);

    public static bool CanAdministerTaxonomy(Actor a) => a.IsAdmin;
    public static bool CanVerifyOrganizations(Actor a) => a.IsAdmin;
    public static bool CanReadAuditLog(Actor a) => a.IsAdmin;
    public static bool CanAdministerDemandLists(Actor a) => a.IsAdmin;

    // ── Review, award, 公示 and delivery ───────────────────────────────────────────────────────────────

    /// <summary>Grant the Reviewer role, create reviewer accounts, assign reviewers to challenges.</summary>
    public static bool CanManageReviewers(Actor a) => a.IsAdmin;

    /// <summary>The rubric: poster or admin, from publication until bidding closed and the award is not yet decided
    /// (the entity additionally locks it at the first score).</summary>
    public static bool CanEditRubric(Actor a, Challenge c) =>
        (a.IsAdmin || IsPoster(a, c)) && c.Status is ChallengeStatus.Published or ChallengeStatus.Closed;

    public static bool CanAssignReviewers(Actor a, Challenge c) =>
        CanManageReviewers(a) && c.Status is ChallengeStatus.Published or ChallengeStatus.Closed;

    /// <summary>The poster's representative may join the panel of their own challenge.</summary>
    public static bool CanJoinPanelAsPoster(Actor a, Challenge c) =>
        IsPoster(a, c) && c.Status is ChallengeStatus.Published or ChallengeStatus.Closed;

    /// <summary>Sees the panel (scores, comments, ranking, bid content): admins, the poster after the deadline, and
    /// reviewers on the panel once they have declared no conflict of interest (before that, only who bid).</summary>
    public static bool CanSeePanel(Actor a, Challenge c, Reviews.ReviewAssignment? mine, DateTime nowUtc) =>
        CanSeeBidsOf(a, c, nowUtc) || (mine is { CanScore: true } && mine.ReviewerUserId == a.UserId && IsPanelRole(a, mine, c));

    /// <summary>Scores bids: the assigned reviewer themselves, once bidding has closed and before the award.</summary>
    public static bool CanScore(Actor a, Challenge c, Reviews.ReviewAssignment mine) =>
        mine.ReviewerUserId == a.UserId && IsPanelRole(a, mine, c) && c.Status == ChallengeStatus.Closed;

    /// <summary>Declares conflicts (or recuses): the assigned reviewer themselves.</summary>
    public static bool CanDeclareConflict(Actor a, Challenge c, Reviews.ReviewAssignment mine) =>
        mine.ReviewerUserId == a.UserId && IsPanelRole(a, mine, c);

    /// <summary>An invited expert must still hold the Reviewer role; the poster's seat needs the poster's role.</summary>
    private static bool IsPanelRole(Actor a, Reviews.ReviewAssignment mine, Challenge c) =>
        mine.IsPoster ? IsPoster(a, c) : a.IsReviewer;

    /// <summary>Decide the award (挂帅): the poster or an admin.</summary>
    public static bool CanDecideAward(Actor a, Challenge c) => CanDecideBids(a, c);

    /// <summary>异议 during 公示: any signed-in user except administrators, who judge the objections.</summary>
    public static bool CanLodgeObjection(Actor a) => a.IsAuthenticated && !a.IsAdmin;

    public static bool CanAnswerObjection(Actor a) => a.IsAdmin;

    /// <summary>Plan, accept, return, stop milestones: the poster or an admin.</summary>
    public static bool CanManageMilestones(Actor a, Challenge c) => CanDecideBids(a, c);

    /// <summary>Hand in a milestone: the appointed team (the bid's authors).</summary>
    public static bool CanSubmitMilestone(Actor a, Bid winner) => IsBidAuthor(a, winner) && winner.Status == BidStatus.Selected;

    /// <summary>The milestone board: poster, admins and the appointed teams (their own track).</summary>
    public static bool CanSeeDelivery(Actor a, Challenge c, IEnumerable<Bid> winners) =>
        CanManageMilestones(a, c) || winners.Any(w => IsBidAuthor(a, w));

    public static bool IsPoster(Actor a, Challenge c) =>
        a.IsEnterprise && a.OrganizationId is { } org && org == c.PosterOrganizationId;
}
