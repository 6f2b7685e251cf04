namespace Matchmaking.Application.Identity;

public static class Roles
{
    public const string Enterprise = "Enterprise";
    public const string Researcher = "Researcher";
    public const string Admin = "Admin";

    public static readonly string[] All = [Enterprise, Researcher, Admin];
    /// <summary>Roles a person may pick when registering; Admin accounts come only from configuration.</summary>
    public static readonly string[] SelfRegistrable = [Enterprise, Researcher];
}
