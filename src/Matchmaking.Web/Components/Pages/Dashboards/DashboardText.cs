namespace Matchmaking.Web.Components.Pages.Dashboards;

/// <summary>Marker for the dashboards' strings (DashboardText.resx Chinese, DashboardText.en.resx English).</summary>
public sealed class DashboardText;
