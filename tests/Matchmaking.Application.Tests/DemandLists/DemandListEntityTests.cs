using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.DemandLists;

namespace Matchmaking.Application.Tests.DemandLists;

/// <summary>The rules of a demand list, without a database.</summary>
public sealed class DemandListEntityTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    private static DemandList NewList() =>
        new(new DemandListContent { ChainId = 1, Batch = "2026年第一批", Title = "新能源装备产业链关键核心技术需求清单" }, "admin", Now);

    private static DemandItemContent Item(string title, string? id = null) =>
        new() { Title = title, ChainNodeId = 7, Bottleneck = BottleneckType.Chokepoint, Skills = ["熔盐泵"], ExternalId = id };

    [Fact]
    public void A_new_list_is_a_draft_and_can_be_edited()
    {
        var list = NewList();
        Assert.Equal(DemandListStatus.Draft, list.Status);
        list.AddItem(Item("超高温熔盐泵"), null, Now);
        list.Edit(list.Content with { Title = "改名" }, Now);
        Assert.Equal("改名", list.Title);
    }

    [Fact]
    public void Header_is_validated()
    {
        var ex = Assert.Throws<ValidationFailedException>(() => new DemandList(new DemandListContent { ChainId = 0, Batch = " ", Title = "" }, "a", Now));
        Assert.Equal(["Batch", "ChainId", "Title"], ex.Errors.Keys.Order());
    }

    [Fact]
    public void Publishing_needs_items_and_makes_the_list_read_only()
    {
        var list = NewList();
        Assert.Equal("empty_list", Assert.Throws<DomainException>(() => list.Publish(Now)).Code);
        var item = list.AddItem(Item("超高温熔盐泵"), null, Now);
        var version = list.Version;
        list.Publish(Now);
        Assert.Equal(DemandListStatus.Published, list.Status);
        Assert.Equal(Now, list.PublishedAtUtc);
        Assert.True(list.Version > version);

        Assert.Equal("list_published", Assert.Throws<DomainException>(() => list.AddItem(Item("另一项"), null, Now)).Code);
        Assert.Equal("list_published", Assert.Throws<DomainException>(() => list.Edit(list.Content with { Title = "x" }, Now)).Code);
        Assert.Equal("list_published", Assert.Throws<DomainException>(() => list.RemoveItem(item.Id, Now)).Code);
        Assert.Equal("list_published", Assert.Throws<DomainException>(() => list.MoveItem(item.Id, 1, Now)).Code);
        Assert.Equal("list_published", Assert.Throws<DomainException>(() => list.EditItem(item.Id, Item("y"), Now)).Code);
        Assert.Equal("list_published", Assert.Throws<DomainException>(() => list.ClearItems(Now)).Code);
        Assert.Equal("invalid_transition", Assert.Throws<DomainException>(() => list.Publish(Now)).Code);
        Assert.Single(list.Items);
    }

    [Fact]
    public void Unpublishing_returns_to_draft_and_editing_works_again()
    {
        var list = NewList();
        list.AddItem(Item("超高温熔盐泵"), null, Now);
        Assert.Equal("invalid_transition", Assert.Throws<DomainException>(() => list.Unpublish(Now)).Code);
        list.Publish(Now);
        list.Unpublish(Now);
        Assert.Equal(DemandListStatus.Draft, list.Status);
        Assert.Null(list.PublishedAtUtc);
        list.AddItem(Item("另一项"), null, Now);
        Assert.Equal(2, list.Items.Count);
    }

    [Fact]
    public void Items_are_validated_and_external_ids_and_challenges_are_unique()
    {
        var list = NewList();
        var ex = Assert.Throws<ValidationFailedException>(() => list.AddItem(new DemandItemContent { Title = "", ChainNodeId = 0, BudgetWan = -1 }, null, Now));
        Assert.Contains("Title", ex.Errors.Keys);
        Assert.Contains("ChainNodeId", ex.Errors.Keys);
        Assert.Contains("BudgetWan", ex.Errors.Keys);
        list.AddItem(Item("a", "d-1"), 5, Now);
        Assert.Equal("duplicate_external_id", Assert.Throws<DomainException>(() => list.AddItem(Item("b", "d-1"), null, Now)).Code);
        Assert.Equal("duplicate_challenge", Assert.Throws<DomainException>(() => list.AddItem(Item("c"), 5, Now)).Code);
    }

    [Fact]
    public void Items_are_ordered_and_moved()
    {
        var list = NewList();
        foreach (var t in new[] { "一", "二", "三" }) list.AddItem(Item(t), null, Now);
        // Items are not saved, so their ids are all 0: give them distinct ids the way the database would.
        var idProperty = typeof(DemandItem).GetProperty(nameof(DemandItem.Id))!;
        for (var i = 0; i < list.Items.Count; i++) idProperty.SetValue(list.Items[i], i + 1);
        Assert.Equal(["一", "二", "三"], list.OrderedItems.Select(i => i.Title));
        list.MoveItem(3, -1, Now);
        Assert.Equal(["一", "三", "二"], list.OrderedItems.Select(i => i.Title));
        list.MoveItem(1, 10, Now);
        Assert.Equal(["三", "二", "一"], list.OrderedItems.Select(i => i.Title));
        list.RemoveItem(2, Now);
        Assert.Equal(["三", "一"], list.OrderedItems.Select(i => i.Title));
        Assert.Equal([1, 2], list.OrderedItems.Select(i => i.SortOrder));
    }
}
