namespace Matchmaking.Web.Localization;

/// <summary>Marker for the shared UI strings (Text.resx is Chinese, the default; Text.en.resx is English).</summary>
public sealed class Text;
