using Bunit;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Taxonomy;
using Matchmaking.Web.Components.Pages.Challenges;
using Matchmaking.Web.Components.Shared;

namespace Matchmaking.Web.Tests.Components;

public class ChallengeFormTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 4, 0, 0, DateTimeKind.Utc);

    private static readonly IReadOnlyList<IndustryChain> Chains =
    [
        new IndustryChain { Id = 1, Name = "新能源及装备", Nodes = [new ChainNode { Id = 11, ChainId = 1, Name = "核心部件" }] },
        new IndustryChain { Id = 2, Name = "石化化工", Nodes = [new ChainNode { Id = 21, ChainId = 2, Name = "催化剂" }] },
    ];

    private static readonly IReadOnlyList<ResearchField> Fields = [new ResearchField { Code = "480", Name = "能源科学技术" }];

    /// <summary>Everything valid except what a test types: title, targets and budget are left for the test.</summary>
    private static ChallengeContent Partial(DateTime deadlineUtc) => new()
    {
        ChainId = 1, ChainNodeId = 11, FieldCodes = ["480"], Skills = ["熔盐泵"], DeliveryMonths = 24,
        Background = "光热电站需要高温熔盐泵", PainPoint = "进口依赖，交货周期长", BidDeadlineUtc = deadlineUtc,
    };

    private static string? ErrorUnder(IRenderedComponent<ChallengeForm> cut, string property) =>
        cut.FindAll($"[data-error-for='{property}']").SingleOrDefault()?.TextContent.Trim();

    [Fact]
    public async Task Invalid_content_shows_a_message_under_each_invalid_field_and_does_not_save()
    {
        await using var ctx = FormTestContext.Create();
        var saved = 0;
        var cut = ctx.Render<ChallengeForm>(p => p
            .Add(x => x.Initial, Partial(Now.AddDays(-1)) with { BudgetWan = 0 })
            .Add(x => x.Chains, Chains).Add(x => x.Fields, Fields)
            .Add(x => x.Clock, new FixedClock(Now))
            .Add(x => x.OnSave, (ChallengeContent _) => saved++)
            .Add(x => x.OnSaveAndSubmit, (ChallengeContent _) => saved++));

        Assert.Null(ErrorUnder(cut, nameof(ChallengeContent.Title))); // nothing shown before the first attempt
        cut.Find("#cf-save-draft").Click();

        // MudButton dispatches its click asynchronously: wait for the render, then check nothing was saved.
        cut.WaitForAssertion(() => Assert.Equal("请填写榜单名称", ErrorUnder(cut, nameof(ChallengeContent.Title))));
        Assert.Equal(0, saved);
        Assert.Equal("至少填写一项可量化的考核指标", ErrorUnder(cut, nameof(ChallengeContent.Targets)));
        Assert.Equal("榜额应大于0万元", ErrorUnder(cut, nameof(ChallengeContent.BudgetWan)));
        Assert.Equal("揭榜截止时间应晚于当前时间", ErrorUnder(cut, nameof(ChallengeContent.BidDeadlineUtc)));
        // Valid fields carry no message.
        Assert.Null(ErrorUnder(cut, nameof(ChallengeContent.ChainId)));
        Assert.Null(ErrorUnder(cut, nameof(ChallengeContent.FieldCodes)));

        cut.Find("#cf-title").Input("");
        cut.Find("#cf-budget").Input("-5");
        cut.Find("#cf-submit-review").Click();
        cut.WaitForAssertion(() => Assert.Equal("榜额应大于0万元", ErrorUnder(cut, nameof(ChallengeContent.BudgetWan))));
        Assert.Equal(0, saved);
    }

    [Fact]
    public async Task Missing_chain_skills_and_fields_are_reported_too()
    {
        await using var ctx = FormTestContext.Create();
        var saved = false;
        var cut = ctx.Render<ChallengeForm>(p => p
            .Add(x => x.Chains, Chains).Add(x => x.Fields, Fields)
            .Add(x => x.Clock, new FixedClock(Now))
            .Add(x => x.OnSave, (ChallengeContent _) => saved = true));

        cut.Find("#cf-save-draft").Click();

        cut.WaitForAssertion(() => Assert.NotNull(ErrorUnder(cut, nameof(ChallengeContent.ChainId))));
        Assert.False(saved);
        Assert.Equal("请选择产业链", ErrorUnder(cut, nameof(ChallengeContent.ChainId)));
        Assert.Equal("请选择产业链环节", ErrorUnder(cut, nameof(ChallengeContent.ChainNodeId)));
        Assert.Equal("至少填写一个技术标签", ErrorUnder(cut, nameof(ChallengeContent.Skills)));
        Assert.Equal("至少选择一个学科", ErrorUnder(cut, nameof(ChallengeContent.FieldCodes)));
        Assert.NotNull(cut.Find("#cf-errors"));
    }

    [Fact]
    public async Task Valid_content_is_handed_to_OnSave_as_typed()
    {
        await using var ctx = FormTestContext.Create();
        ChallengeContent? saved = null;
        var submitted = false;
        var deadline = Now.AddDays(30);
        var cut = ctx.Render<ChallengeForm>(p => p
            .Add(x => x.Initial, Partial(deadline))
            .Add(x => x.Chains, Chains).Add(x => x.Fields, Fields)
            .Add(x => x.Clock, new FixedClock(Now))
            .Add(x => x.OnSave, (ChallengeContent c) => saved = c)
            .Add(x => x.OnSaveAndSubmit, (ChallengeContent _) => submitted = true));

        cut.Find("#cf-title").Input("超高温熔盐泵国产化");
        cut.Find("#cf-target-0").Input("连续运行≥8000小时");
        cut.Find("#cf-add-target").Click();
        cut.Find("#cf-target-1").Input("介质温度≥565℃");
        cut.Find("#cf-budget").Input("800");
        cut.Find("#cf-save-draft").Click();

        cut.WaitForAssertion(() => Assert.NotNull(saved));
        Assert.NotNull(saved);
        Assert.False(submitted);
        Assert.Equal("超高温熔盐泵国产化", saved.Title);
        Assert.Equal(["连续运行≥8000小时", "介质温度≥565℃"], saved.Targets);
        Assert.Equal(800m, saved.BudgetWan);
        Assert.Equal(1, saved.ChainId);
        Assert.Equal(11, saved.ChainNodeId);
        Assert.Equal(["熔盐泵"], saved.Skills);
        Assert.Equal(["480"], saved.FieldCodes);
        Assert.Equal(Format.EndOfBeijingDayUtc(Format.ToBeijing(deadline).Date), saved.BidDeadlineUtc);
        Assert.Empty(cut.FindAll("[data-error-for]"));
    }

    [Fact]
    public async Task Save_and_submit_calls_its_own_callback()
    {
        await using var ctx = FormTestContext.Create();
        ChallengeContent? submitted = null;
        var drafted = false;
        var cut = ctx.Render<ChallengeForm>(p => p
            .Add(x => x.Initial, Partial(Now.AddDays(10)) with { Title = "熔盐泵", Targets = ["效率≥80%"], BudgetWan = 500 })
            .Add(x => x.Chains, Chains).Add(x => x.Fields, Fields)
            .Add(x => x.Clock, new FixedClock(Now))
            .Add(x => x.OnSave, (ChallengeContent _) => drafted = true)
            .Add(x => x.OnSaveAndSubmit, (ChallengeContent c) => submitted = c));

        cut.Find("#cf-submit-review").Click();

        cut.WaitForAssertion(() => Assert.NotNull(submitted));
        Assert.NotNull(submitted);
        Assert.False(drafted);
        Assert.Equal("熔盐泵", submitted.Title);
    }

    [Fact]
    public async Task A_reader_who_chose_English_gets_the_problems_in_English()
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        try
        {
            await using var ctx = FormTestContext.Create();
            var cut = ctx.Render<ChallengeForm>(p => p
                .Add(x => x.Initial, Partial(Now.AddDays(-1)))
                .Add(x => x.Chains, Chains).Add(x => x.Fields, Fields)
                .Add(x => x.Clock, new FixedClock(Now)));

            cut.Find("#cf-save-draft").Click();

            cut.WaitForAssertion(() => Assert.NotNull(ErrorUnder(cut, nameof(ChallengeContent.Title))));
            var shown = cut.FindAll("[data-error-for]").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
            // Title, targets, budget and the past deadline.
            Assert.True(shown.Count >= 4, string.Join(" | ", shown));
            Assert.All(shown, t => Assert.DoesNotMatch(@"[\u4e00-\u9fff]", t));
            Assert.NotEqual(ErrorUnder(cut, nameof(ChallengeContent.Title)), ErrorUnder(cut, nameof(ChallengeContent.BidDeadlineUtc)));
        }
        finally { System.Globalization.CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public async Task Server_errors_are_shown_under_the_matching_field_and_keep_what_was_typed()
    {
        await using var ctx = FormTestContext.Create();
        var cut = ctx.Render<ChallengeForm>(p => p
            .Add(x => x.Initial, Partial(Now.AddDays(10)))
            .Add(x => x.Chains, Chains).Add(x => x.Fields, Fields)
            .Add(x => x.Clock, new FixedClock(Now)));
        cut.Find("#cf-title").Input("我输入的标题");

        cut.Render(p => p.Add(x => x.ServerErrors, new Dictionary<string, string>
        {
            [nameof(ChallengeContent.ChainNodeId)] = "所选环节不属于该产业链",
            [nameof(ChallengeContent.FieldCodes)] = "未知学科代码: 999",
        }));

        Assert.Equal("所选环节不属于该产业链", ErrorUnder(cut, nameof(ChallengeContent.ChainNodeId)));
        Assert.Equal("未知学科代码: 999", ErrorUnder(cut, nameof(ChallengeContent.FieldCodes)));
        Assert.Null(ErrorUnder(cut, nameof(ChallengeContent.Title)));
        Assert.Equal("我输入的标题", cut.Instance.Current.Title);
    }

    [Fact]
    public async Task Chain_select_offers_only_that_chains_nodes_and_the_deadline_can_be_typed()
    {
        await using var ctx = FormTestContext.Create(out var popovers);
        var cut = ctx.Render<ChallengeForm>(p => p
            .Add(x => x.Chains, Chains).Add(x => x.Fields, Fields)
            .Add(x => x.Clock, new FixedClock(Now)));

        cut.Find("#cf-chain .mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), li => li.TextContent.Contains("石化化工")));
        popovers.FindAll(".mud-list-item").First(li => li.TextContent.Contains("石化化工")).Click();
        // MudSelect hands the choice to the form asynchronously; under a loaded CI machine it lands after Click returns.
        cut.WaitForAssertion(() => Assert.Equal(2, cut.Instance.Current.ChainId));

        cut.Find("#cf-node .mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-popover-open .mud-list-item"), li => li.TextContent.Contains("催化剂")));
        Assert.DoesNotContain(popovers.FindAll(".mud-popover-open .mud-list-item"), li => li.TextContent.Contains("核心部件"));
        popovers.FindAll(".mud-popover-open .mud-list-item").First(li => li.TextContent.Contains("催化剂")).Click();
        cut.WaitForAssertion(() => Assert.Equal(21, cut.Instance.Current.ChainNodeId));

        cut.Find("#cf-deadline").Change("2026-12-31");
        cut.WaitForAssertion(() => Assert.Equal(Format.EndOfBeijingDayUtc(new DateTime(2026, 12, 31)), cut.Instance.Current.BidDeadlineUtc));
    }
}
