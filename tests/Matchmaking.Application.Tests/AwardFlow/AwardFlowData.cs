using Matchmaking.Application.Awards;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Reviews;
using static Matchmaking.Application.Tests.Domain.TestData;

namespace Matchmaking.Application.Tests.AwardFlow;

/// <summary>Entities in the states the review, award and delivery rules start from, without a database.</summary>
internal static class AwardFlowData
{
    public static readonly DateTime Deadline = Now.AddDays(10);
    public static readonly DateTime AfterDeadline = Deadline.AddDays(1);

    public static T WithId<T>(this T entity, int id)
    {
        typeof(T).GetProperty("Id")!.SetValue(entity, id);
        return entity;
    }

    /// <summary>A published challenge whose deadline has passed (Closed), in single or 赛马 mode.</summary>
    public static Challenge ClosedChallenge(AwardMode mode = AwardMode.Single)
    {
        var c = new Challenge(posterOrganizationId: 100, "poster", Content(Deadline) with { AwardMode = mode }, Now).WithId(1);
        c.SubmitForReview(Now);
        c.Approve(Now);
        c.CloseIfDue(AfterDeadline);
        return c;
    }

    /// <summary>A submitted bid of organisation <paramref name="orgId"/> on challenge 1.</summary>
    public static Bid SubmittedBid(int id, int orgId)
    {
        var b = new Bid(1, profileId: id, orgId, $"author{id}", Bid(), 800, Now, Deadline).WithId(id);
        b.Submit(Now, Deadline);
        return b;
    }

    public static ReviewAssignment Reviewer(int id, int? orgId, bool declared = true)
    {
        var a = new ReviewAssignment(1, $"reviewer{id}", orgId, isPoster: false, "admin", Now).WithId(id);
        if (declared) a.DeclareNoConflict(Now);
        return a;
    }

    public static Rubric DefaultRubric() => new Rubric(1, Rubric.DefaultCriteria(), "poster", Now).WithId(1);

    public static Dictionary<string, int> Scores(Rubric rubric, int each) => rubric.Criteria.ToDictionary(c => c.Name, _ => each);

    public static Dictionary<int, NotSelectedDecision> LowerScore(params Bid[] losers) =>
        losers.ToDictionary(b => b.Id, _ => new NotSelectedDecision(NotSelectedReason.LowerScore));
}
