namespace Matchmaking.Web.Components.Pages.Reviews;

/// <summary>Marker for the reviews pages' strings (ReviewText.resx Chinese, ReviewText.en.resx English).</summary>
public sealed class ReviewText;
