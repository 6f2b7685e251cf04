using Matchmaking.Core.Search;
using Microsoft.Extensions.Localization;

namespace Matchmaking.Web.Components.Pages.Search;

/// <summary>Marker for the search UI's strings (SearchText.resx Chinese, SearchText.en.resx English).</summary>
public sealed class SearchText
{
    /// <summary>The search library's notices in the reader's language ("Notice.{kind}", the limit as {0}); null when
    /// there are none.</summary>
    public static string? Notices(IStringLocalizer<SearchText> s, IReadOnlyList<SearchNotice> notices) =>
        notices.Count == 0 ? null : string.Join(s["Notice.Separator"], notices.Select(n => s[$"Notice.{n.Kind}", n.Limit].Value));
}
