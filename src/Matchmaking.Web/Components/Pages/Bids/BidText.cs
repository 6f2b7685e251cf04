namespace Matchmaking.Web.Components.Pages.Bids;

/// <summary>Marker for the bid pages' strings (BidText.resx Chinese, BidText.en.resx English).</summary>
public sealed class BidText;
