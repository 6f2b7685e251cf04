namespace Matchmaking.Application.Identity;

/// <summary>Who is acting: what every service and permission check needs to know about the caller.</summary>
public sealed record Actor(string? UserId, int? OrganizationId, IReadOnlyCollection<string> Roles)
{
    public static readonly Actor Anonymous = new(null, null, []);
    public static Actor System { get; } = new("system", null, [Identity.Roles.Admin]);

    public bool IsAuthenticated => UserId is not null;
    public bool IsAdmin => Roles.Contains(Identity.Roles.Admin);
    public bool IsEnterprise => Roles.Contains(Identity.Roles.Enterprise);
    public bool IsResearcher => Roles.Contains(Identity.Roles.Researcher);
    public bool IsReviewer => Roles.Contains(Identity.Roles.Reviewer);
}
