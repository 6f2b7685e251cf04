namespace Matchmaking.Web.Components.Pages.Challenges;

/// <summary>Marker for the challenge pages' strings (ChallengeText.resx Chinese, ChallengeText.en.resx English).</summary>
public sealed class ChallengeText;
