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

    public static bool IsPoster(Actor a, Challenge c) =>
        a.IsEnterprise && a.OrganizationId is { } org && org == c.PosterOrganizationId;
}
