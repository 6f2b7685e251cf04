namespace Matchmaking.Web.Components.Pages.Delivery;

/// <summary>Marker for the delivery pages' strings (DeliveryText.resx Chinese, DeliveryText.en.resx English).</summary>
public sealed class DeliveryText;
