namespace Matchmaking.Application.Identity;

public static class Roles
{
    public const string Enterprise = "Enterprise";
    public const string Researcher = "Researcher";
    public const string Admin = "Admin";
    /// <summary>专家: an expert invited by an admin to score bids of the challenges assigned to them.</summary>
    public const string Reviewer = "Reviewer";

    public static readonly string[] All = [Enterprise, Researcher, Admin, Reviewer];
    /// <summary>Roles a person may pick when registering; Admin accounts come only from configuration.</summary>
    public static readonly string[] SelfRegistrable = [Enterprise, Researcher];
}
