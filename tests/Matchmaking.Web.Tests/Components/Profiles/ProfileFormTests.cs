using Bunit;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Taxonomy;
using Matchmaking.Web.Components.Pages.Profiles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Matchmaking.Web.Tests.Components.Profiles;

public class ProfileFormTests
{
    private const int Year = 2026;

    private static readonly ResearchField[] Fields =
    [
        new() { Code = "480", Name = "能源科学技术" },
        new() { Code = "430", Name = "材料科学" },
    ];

    private static readonly Skill[] Skills =
    [
        new() { Id = 1, Name = "熔盐泵", EnglishName = "molten salt pump", Synonyms = ["高温熔盐泵"] },
        new() { Id = 2, Name = "高温合金" },
    ];

    private static ProfileContent Valid() => new()
    {
        Name = "高温熔盐储热团队",
        LeadName = "张三",
        Members = ["李四"],
        FieldCodes = ["480"],
        Skills = ["高温熔盐泵"],
        Summary = "从事高温熔盐储热与熔盐泵研究。",
        Achievements = [new Achievement { Type = AchievementType.Patent, Title = "一种熔盐泵密封结构", Year = 2023 }],
        Platforms = ["省重点实验室"],
    };

    private static BunitContext NewContext() => FormTestContext.Create();

    private static IRenderedComponent<ProfileForm> RenderForm(BunitContext ctx, ProfileContent initial, List<ProfileContent> saved,
        IReadOnlyDictionary<string, string>? serverErrors = null) =>
        ctx.Render<ProfileForm>(p => p
            .Add(x => x.Initial, initial)
            .Add(x => x.Fields, Fields)
            .Add(x => x.SkillOptions, Skills)
            .Add(x => x.CurrentYear, Year)
            .Add(x => x.ServerErrors, serverErrors)
            .Add(x => x.OnSave, (ProfileContent c) => saved.Add(c)));

    private static string ErrorUnder(IRenderedComponent<ProfileForm> cut, string field) =>
        cut.Find($".field-error[data-field='{field}']").TextContent.Trim();

    [Fact]
    public async Task Save_WithInvalidContent_ShowsMessageUnderEachFieldAndDoesNotCallOnSave()
    {
        await using var ctx = NewContext();
        var saved = new List<ProfileContent>();
        var invalid = Valid() with
        {
            Name = "",
            Skills = [],
            Achievements = [new Achievement { Type = AchievementType.Paper, Title = "论文", Year = 2999 }],
        };
        var cut = RenderForm(ctx, invalid, saved);
        Assert.Empty(cut.FindAll(".field-error"));

        await cut.Find("#profile-save").ClickAsync(new());

        Assert.Empty(saved);
        Assert.Equal("请填写团队名称", ErrorUnder(cut, nameof(ProfileContent.Name)));
        Assert.Equal("至少填写一个技术标签", ErrorUnder(cut, nameof(ProfileContent.Skills)));
        Assert.Contains($"1950–{Year}", ErrorUnder(cut, nameof(ProfileContent.Achievements)));
        // Valid fields carry no message.
        Assert.Empty(cut.FindAll($".field-error[data-field='{nameof(ProfileContent.LeadName)}']"));
        Assert.Empty(cut.FindAll($".field-error[data-field='{nameof(ProfileContent.FieldCodes)}']"));
    }

    [Fact]
    public async Task Save_WithValidContent_CallsOnSaveWithCanonicalSkills()
    {
        await using var ctx = NewContext();
        var saved = new List<ProfileContent>();
        var cut = RenderForm(ctx, Valid(), saved);

        await cut.Find("#profile-save").ClickAsync(new());

        var content = Assert.Single(saved);
        Assert.Empty(cut.FindAll(".field-error"));
        Assert.Equal("高温熔盐储热团队", content.Name);
        Assert.Equal(["熔盐泵"], content.Skills); // the synonym was normalised to the canonical skill
        Assert.Equal(["480"], content.FieldCodes);
        Assert.Equal(2023, Assert.Single(content.Achievements).Year);
        Assert.Equal(["李四"], content.Members);
        Assert.Equal(["省重点实验室"], content.Platforms);
    }

    [Fact]
    public async Task Save_AfterFixingTheName_CallsOnSave()
    {
        await using var ctx = NewContext();
        var saved = new List<ProfileContent>();
        var cut = RenderForm(ctx, Valid() with { Name = "" }, saved);

        await cut.Find("#profile-save").ClickAsync(new());
        Assert.Empty(saved);
        Assert.Equal("请填写团队名称", ErrorUnder(cut, nameof(ProfileContent.Name)));

        await cut.Find("input#profile-name").ChangeAsync(new ChangeEventArgs { Value = "新团队" });
        await cut.Find("#profile-save").ClickAsync(new());

        Assert.Equal("新团队", Assert.Single(saved).Name);
        Assert.Empty(cut.FindAll(".field-error"));
    }

    [Fact]
    public async Task ServerErrors_AreShownUnderTheMatchingField()
    {
        await using var ctx = NewContext();
        var saved = new List<ProfileContent>();
        var errors = new Dictionary<string, string>
        {
            [nameof(ProfileContent.Name)] = "该团队名称已存在",
            [nameof(ProfileContent.FieldCodes)] = "未知学科代码: 999",
            ["Other"] = "其他问题",
        };
        var cut = RenderForm(ctx, Valid(), saved, errors);

        Assert.Equal("该团队名称已存在", ErrorUnder(cut, nameof(ProfileContent.Name)));
        Assert.Equal("未知学科代码: 999", ErrorUnder(cut, nameof(ProfileContent.FieldCodes)));
        Assert.Contains("其他问题", cut.Find("#profile-form-errors").TextContent);
        Assert.Empty(cut.FindAll($".field-error[data-field='{nameof(ProfileContent.Skills)}']"));
    }

    [Fact]
    public async Task ServerErrors_KeepTheTypedInput()
    {
        await using var ctx = NewContext();
        var saved = new List<ProfileContent>();
        var cut = RenderForm(ctx, Valid(), saved);

        await cut.Find("input#profile-name").ChangeAsync(new ChangeEventArgs { Value = "改过的名称" });
        cut.Render(p => p.Add(x => x.ServerErrors, new Dictionary<string, string> { [nameof(ProfileContent.Name)] = "名称重复" }));

        Assert.Equal("名称重复", ErrorUnder(cut, nameof(ProfileContent.Name)));
        Assert.Equal("改过的名称", cut.Find("input#profile-name").GetAttribute("value"));
    }
}
