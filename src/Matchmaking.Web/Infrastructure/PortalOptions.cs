namespace Matchmaking.Web.Infrastructure;

/// <summary>The "Matchmaking" configuration section (env: Matchmaking__DataDir etc.).</summary>
public sealed class PortalOptions
{
    public const string Section = "Matchmaking";

    /// <summary>Holds the SQLite file and the search indexes. Relative paths are resolved against the content root
    /// (under `dotnet run`: src/Matchmaking.Web, so the default is src/Matchmaking.Web/data).</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>Seed demo organisations, accounts, challenges, profiles and bids into an empty database.</summary>
    public bool Demo { get; set; }

    /// <summary>Administrator accounts ensured at start-up; the only way to get the Admin role.</summary>
    public List<AdminAccount> Admins { get; set; } = [];

    /// <summary>How often the deadline closer looks for challenges whose bidding has ended.</summary>
    public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    public string ResolvedDataDir => Path.GetFullPath(DataDir);
}

public sealed class AdminAccount
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string DisplayName { get; set; } = "管理员";
}
