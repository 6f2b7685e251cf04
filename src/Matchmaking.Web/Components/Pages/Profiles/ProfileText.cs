namespace Matchmaking.Web.Components.Pages.Profiles;

/// <summary>Marker for the capability-profile pages' strings (ProfileText.resx is Chinese, ProfileText.en.resx English).</summary>
public sealed class ProfileText;
