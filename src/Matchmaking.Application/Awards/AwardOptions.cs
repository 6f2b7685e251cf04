namespace Matchmaking.Application.Awards;

/// <summary>The "Matchmaking:Award" configuration section: the numbers of the award process an operator tunes.</summary>
public sealed class AwardOptions
{
    public const string Section = "Matchmaking:Award";

    /// <summary>赛马: at most this many teams are appointed in parallel.</summary>
    public int MaxParallelWinners { get; set; } = 3;

    /// <summary>公示 length in calendar days (7 calendar days always contain at least 5 working days, without a holiday calendar).</summary>
    public int PublicityDays { get; set; } = 7;

    /// <summary>Winner teams are reminded this many days before a milestone is due (once).</summary>
    public int MilestoneReminderDays { get; set; } = 3;
}
