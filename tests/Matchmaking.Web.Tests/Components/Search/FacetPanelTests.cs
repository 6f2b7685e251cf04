using Bunit;
using Matchmaking.Core.Search;
using Matchmaking.Web.Components.Pages.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Matchmaking.Web.Tests.Components.Search;

public class FacetPanelTests
{
    private static readonly IReadOnlyList<FacetGroup> Groups =
    [
        new("region", "地区"),
        new("band", "预算", "budgetBand", ["0-100", "100-500", "500-1000", "1000-3000", "3000+"]),
    ];

    private static readonly Dictionary<string, IReadOnlyList<FacetCount>> Facets = new()
    {
        ["region"] = [new("620000", 7), new("110000", 2)],
        ["budgetBand"] = [new("3000+", 4), new("0-100", 3), new("100-500", 1)],
    };

    private static string Label(string key, string value) => (key, value) switch
    {
        ("region", "620000") => "甘肃省",
        ("region", "110000") => "北京市",
        ("band", "0-100") => "100万以下",
        _ => value,
    };

    private static BunitContext NewContext() => FormTestContext.Create();

    private static IRenderedComponent<FacetPanel> Render(BunitContext ctx, IReadOnlyDictionary<string, IReadOnlyList<string>> selected,
        List<IReadOnlyDictionary<string, IReadOnlyList<string>>> changes, IReadOnlyList<FilterChip>? extra = null,
        List<string>? removedExtras = null, Action? clearAll = null, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>>? facets = null) =>
        ctx.Render<FacetPanel>(p => p
            .Add(x => x.Groups, Groups)
            .Add(x => x.Facets, facets ?? Facets)
            .Add(x => x.Label, Label)
            .Add(x => x.Selected, selected)
            .Add(x => x.SelectedChanged, (IReadOnlyDictionary<string, IReadOnlyList<string>> s) => changes.Add(s))
            .Add(x => x.ExtraChips, extra ?? [])
            .Add(x => x.ExtraChipRemoved, (string key) => removedExtras?.Add(key))
            .Add(x => x.ClearAll, () => clearAll?.Invoke())
            .Add(x => x.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='results'>results</p>"))));

    private static Dictionary<string, IReadOnlyList<string>> Sel(params (string Key, string[] Values)[] entries) =>
        entries.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Values);

    [Fact]
    public async Task Renders_each_value_with_its_label_and_count_in_the_given_order()
    {
        await using var ctx = NewContext();
        var cut = Render(ctx, FacetSelection.Empty, []);

        var regionRows = cut.FindAll("#facet-region .facet-row");
        Assert.Equal(["620000", "110000"], regionRows.Select(r => r.GetAttribute("data-value")));
        Assert.Contains("甘肃省", regionRows[0].TextContent);
        Assert.Equal("7", regionRows[0].QuerySelector(".facet-count")!.TextContent.Trim());
        Assert.Equal("2", regionRows[1].QuerySelector(".facet-count")!.TextContent.Trim());

        // Budget bands follow the fixed order, not the counts; labels fall back to the raw value.
        var bandRows = cut.FindAll("#facet-band .facet-row");
        Assert.Equal(["0-100", "100-500", "3000+"], bandRows.Select(r => r.GetAttribute("data-value")));
        Assert.Contains("100万以下", bandRows[0].TextContent);
        Assert.Equal("4", bandRows[2].QuerySelector(".facet-count")!.TextContent.Trim());

        Assert.Empty(cut.FindAll("#active-filters"));          // nothing selected: no chips
        Assert.NotNull(cut.Find("#results"));                    // the results column is rendered
    }

    [Fact]
    public async Task A_group_without_values_is_hidden_and_a_selected_value_without_count_still_shows()
    {
        await using var ctx = NewContext();
        var facets = new Dictionary<string, IReadOnlyList<FacetCount>> { ["region"] = [new("620000", 7)] };
        var cut = Render(ctx, Sel(("region", ["110000"])), [], facets: facets);

        Assert.Empty(cut.FindAll("#facet-band"));
        var row = cut.Find("#facet-region .facet-row[data-value='110000']");
        Assert.Equal("0", row.QuerySelector(".facet-count")!.TextContent.Trim());
        Assert.True(row.QuerySelector("input[type=checkbox]")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task Ticking_a_value_raises_the_new_selection_or_within_the_facet()
    {
        await using var ctx = NewContext();
        var changes = new List<IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        var cut = Render(ctx, Sel(("region", ["110000"])), changes);

        cut.Find("#facet-region .facet-row[data-value='620000'] input[type=checkbox]").Change(true);

        var selection = Assert.Single(changes);
        Assert.Equal(["110000", "620000"], selection["region"]);
        Assert.False(selection.ContainsKey("band"));
    }

    [Fact]
    public async Task Unticking_the_last_value_drops_the_facet_from_the_selection()
    {
        await using var ctx = NewContext();
        var changes = new List<IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        var cut = Render(ctx, Sel(("region", ["110000"]), ("band", ["0-100"])), changes);

        cut.Find("#facet-region .facet-row[data-value='110000'] input[type=checkbox]").Change(false);

        var selection = Assert.Single(changes);
        Assert.False(selection.ContainsKey("region"));
        Assert.Equal(["0-100"], selection["band"]);
    }

    [Fact]
    public async Task Closing_a_chip_removes_just_that_value()
    {
        await using var ctx = NewContext();
        var changes = new List<IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        var cut = Render(ctx, Sel(("region", ["620000", "110000"]), ("band", ["0-100"])), changes);

        var chips = cut.FindAll("#active-filters .mud-chip");
        Assert.Equal(3, chips.Count);
        Assert.Contains("甘肃省", cut.Find("#chip-region-620000").TextContent);

        cut.Find("#chip-region-620000 .mud-chip-close-button").Click();

        var selection = Assert.Single(changes);
        Assert.Equal(["110000"], selection["region"]);
        Assert.Equal(["0-100"], selection["band"]);
    }

    [Fact]
    public async Task Extra_chips_and_clear_all_are_reported()
    {
        await using var ctx = NewContext();
        var removed = new List<string>();
        var cleared = 0;
        var cut = Render(ctx, Sel(("band", ["0-100"])), [], extra: [new FilterChip("q", "关键词：熔盐泵")], removedExtras: removed,
            clearAll: () => cleared++);

        Assert.Contains("关键词：熔盐泵", cut.Find("#chip-q").TextContent);
        cut.Find("#chip-q .mud-chip-close-button").Click();
        cut.WaitForAssertion(() => Assert.Equal(["q"], removed));

        cut.Find("#filter-clear-all").Click();
        cut.WaitForAssertion(() => Assert.Equal(1, cleared));
    }

    [Fact]
    public async Task Long_facets_collapse_behind_show_more()
    {
        await using var ctx = NewContext();
        var many = Enumerable.Range(1, 10).Select(i => new FacetCount($"v{i}", 20 - i)).ToList();
        var facets = new Dictionary<string, IReadOnlyList<FacetCount>> { ["region"] = many };
        var cut = Render(ctx, Sel(("region", ["v9"])), [], facets: facets);

        // The first six plus the selected ninth.
        Assert.Equal(7, cut.FindAll("#facet-region .facet-row").Count);
        cut.Find("#facet-more-region").Click();
        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("#facet-region .facet-row").Count));
    }
}
