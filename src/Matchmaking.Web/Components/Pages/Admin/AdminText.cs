namespace Matchmaking.Web.Components.Pages.Admin;

/// <summary>Marker for the admin pages' strings (AdminText.resx is Chinese, AdminText.en.resx English).</summary>
public sealed class AdminText;
