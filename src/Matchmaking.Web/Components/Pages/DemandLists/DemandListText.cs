using Matchmaking.Application.DemandLists;
using Microsoft.Extensions.Localization;

namespace Matchmaking.Web.Components.Pages.DemandLists;

/// <summary>Marker for the demand-list pages' strings (DemandListText.resx Chinese, DemandListText.en.resx English).</summary>
public sealed class DemandListText;

public static class DemandListTextExtensions
{
    public static string Of(this IStringLocalizer<DemandListText> d, DemandListStatus status) => d[$"Status.{status}"];
    public static string Of(this IStringLocalizer<DemandListText> d, CoverageLevel level) => d[$"Level.{level}"];

    /// <summary>The heat-map / chip colours: green = covered in the province, amber = cross-region only, red = no team anywhere.</summary>
    public static string Css(CoverageLevel? level) => level switch
    {
        CoverageLevel.Covered => "dl-covered",
        CoverageLevel.CrossRegionOnly => "dl-cross",
        CoverageLevel.BlindSpot => "dl-blind",
        _ => "dl-empty",
    };

    public static MudBlazor.Color Color(CoverageLevel level) => level switch
    {
        CoverageLevel.Covered => MudBlazor.Color.Success,
        CoverageLevel.CrossRegionOnly => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Error,
    };
}
