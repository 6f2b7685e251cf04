namespace Matchmaking.Web.Components.Pages.Search;

/// <summary>Marker for the search UI's strings (SearchText.resx Chinese, SearchText.en.resx English).</summary>
public sealed class SearchText;
