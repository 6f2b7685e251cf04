using Bunit;
using Matchmaking.Application.Bids;
using Matchmaking.Web.Components.Pages.Bids;

namespace Matchmaking.Web.Tests.Components;

public class BidFormTests
{
    private static string? ErrorUnder(IRenderedComponent<BidForm> cut, string property) =>
        cut.FindAll($"[data-error-for='{property}']").SingleOrDefault()?.TextContent.Trim();

    private static void FillValid(IRenderedComponent<BidForm> cut, string budget)
    {
        cut.Find("#bf-approach").Input("采用高温合金叶轮与干气密封");
        cut.Find("#bf-milestones").Input("6个月样机，12个月中试，24个月验收");
        cut.Find("#bf-budget").Input(budget);
        cut.Find("#bf-team").Input("教授1名、博士3名");
    }

    [Fact]
    public async Task Refuses_a_budget_above_the_challenge_budget()
    {
        await using var ctx = BidTestContext();
        var saved = false;
        var cut = ctx.Render<BidForm>(p => p
            .Add(x => x.ChallengeBudgetWan, 800m)
            .Add(x => x.OnSave, (BidDraft _) => saved = true)
            .Add(x => x.OnSubmit, (BidDraft _) => saved = true));

        FillValid(cut, "900");
        cut.Find("#bf-submit").Click();

        cut.WaitForAssertion(() => Assert.Equal("申请经费不能超过榜额（800万元）", ErrorUnder(cut, nameof(BidContent.BudgetAskedWan))));
        Assert.False(saved);
        Assert.Null(ErrorUnder(cut, nameof(BidContent.TechnicalApproach)));
    }

    [Fact]
    public async Task Refuses_an_empty_technical_approach()
    {
        await using var ctx = BidTestContext();
        var saved = false;
        var cut = ctx.Render<BidForm>(p => p
            .Add(x => x.ChallengeBudgetWan, 800m)
            .Add(x => x.OnSave, (BidDraft _) => saved = true));

        FillValid(cut, "500");
        cut.Find("#bf-approach").Input("   ");
        cut.Find("#bf-save-draft").Click();

        cut.WaitForAssertion(() => Assert.Equal("请填写技术路线", ErrorUnder(cut, nameof(BidContent.TechnicalApproach))));
        Assert.False(saved);
    }

    [Fact]
    public async Task Requires_a_team_when_several_are_offered()
    {
        await using var ctx = BidTestContext();
        var saved = false;
        var cut = ctx.Render<BidForm>(p => p
            .Add(x => x.ChallengeBudgetWan, 800m)
            .Add(x => x.Teams, [new BidTeamOption(1, "储热团队"), new BidTeamOption(2, "泵阀团队")])
            .Add(x => x.OnSave, (BidDraft _) => saved = true));

        FillValid(cut, "500");
        cut.Find("#bf-save-draft").Click();

        cut.WaitForAssertion(() => Assert.Equal("请选择揭榜团队", ErrorUnder(cut, BidForm.ProfileKey)));
        Assert.False(saved);
    }

    [Fact]
    public async Task Valid_bid_is_handed_to_OnSubmit_with_the_chosen_team()
    {
        await using var ctx = BidTestContext();
        BidDraft? submitted = null;
        var drafted = false;
        var cut = ctx.Render<BidForm>(p => p
            .Add(x => x.ChallengeBudgetWan, 800m)
            .Add(x => x.Teams, [new BidTeamOption(7, "储热团队")])
            .Add(x => x.OnSave, (BidDraft _) => drafted = true)
            .Add(x => x.OnSubmit, (BidDraft d) => submitted = d));

        FillValid(cut, "800");
        cut.Find("#bf-results").Input("授权发明专利5项");
        cut.Find("#bf-submit").Click();

        cut.WaitForAssertion(() => Assert.NotNull(submitted));
        Assert.NotNull(submitted);
        Assert.False(drafted);
        Assert.Equal(7, submitted.ProfileId);
        Assert.Equal(800m, submitted.Content.BudgetAskedWan);
        Assert.Equal("采用高温合金叶轮与干气密封", submitted.Content.TechnicalApproach);
        Assert.Equal("授权发明专利5项", submitted.Content.PriorResults);
        Assert.Empty(cut.FindAll("[data-error-for]"));
    }

    [Fact]
    public async Task Server_errors_show_under_the_matching_field()
    {
        await using var ctx = BidTestContext();
        var cut = ctx.Render<BidForm>(p => p
            .Add(x => x.ChallengeBudgetWan, 800m)
            .Add(x => x.ServerErrors, new Dictionary<string, string> { [nameof(BidContent.MilestonePlan)] = "请填写里程碑计划" }));

        Assert.Equal("请填写里程碑计划", ErrorUnder(cut, nameof(BidContent.MilestonePlan)));
    }

    private static BunitContext BidTestContext() => FormTestContext.Create();
}
