namespace Matchmaking.Web.Components.Pages.Awards;

/// <summary>Marker for the awards pages' strings (AwardText.resx Chinese, AwardText.en.resx English).</summary>
public sealed class AwardText;
