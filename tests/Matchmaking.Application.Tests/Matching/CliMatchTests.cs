using System.Text.Json;
using Matchmaking.Application.Tests.Infrastructure;

namespace Matchmaking.Application.Tests.Matching;

/// <summary>`matchmaking match --demands FILE` end to end: import profiles, match demands, read every line back.</summary>
public sealed class CliMatchTests : IDisposable
{
    private readonly CliHarness _cli = new();

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => _cli.RunAsync(args);

    private string File(string name, string content) => _cli.File(name, content);

    private const string Profiles = """
        {"id":"ext-1","name":"高温熔盐储热团队","organization":"陇原大学","orgType":"University","region":"620100","fields":["480"],"skills":["熔盐泵","高温合金"],"summary":"研究超高温熔盐泵与储热材料。","achievements":[{"type":"patent","title":"一种高温熔盐泵密封结构","year":2023}]}
        {"id":"ext-2","name":"手撕钢轧制团队","organization":"金城理工大学","orgType":"高校","region":"620100","skills":["手撕钢"],"summary":"0.015毫米超薄精密不锈钢带轧制工艺。"}
        {"id":"ext-3","name":"熔盐储能系统集成部","organization":"某能源装备公司","orgType":"Enterprise","region":"620900","fields":["480"],"skills":["熔盐储能"],"summary":"熔盐储能电站系统集成，熔盐泵选型。"}
        {"id":"ext-4","name":"储热材料课题组","organization":"河西研究院","orgType":"ResearchInstitute","region":"620700","fields":["430"],"skills":["储热材料"],"summary":"熔盐储热材料与高温腐蚀。"}
        """;

    private const string Demands = """
        {"id":"d-7","title":"超高温熔盐泵国产化","description":"光热电站需要耐600℃的长轴熔盐泵","chain":"新能源及装备","node":"核心部件","bottleneck":"卡点","skills":["熔盐泵"],"fields":["480"],"budgetWan":800,"deadline":"2027-06-30","eligible":["University","ResearchInstitute"],"region":"620000","somethingElse":true}
        {"id":"d-8","title":"超薄不锈钢带轧制","skills":["手撕钢"]}

        {"id":"d-9","title":"熔盐储热材料高温腐蚀","description":"储热罐材料在高温熔盐中腐蚀","fields":["430"],"eligible":["科研院所","高校","Enterprise"]}
        """;

    [Fact]
    public async Task ImportThenMatch_EveryLineParses_IdsEchoBack_RanksSorted_TopRespected()
    {
        Assert.Equal(0, (await RunAsync("import", "profiles", File("p.jsonl", Profiles))).Exit);
        var demands = File("d.jsonl", Demands);

        var (exit, output, err) = await RunAsync("match", "--demands", demands, "--top", "2");
        Assert.True(exit == 0, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["d-7", "d-8", "d-9"], lines.Select(l => l.GetProperty("demandId").GetString()));
        var known = new HashSet<string> { "ext-1", "ext-2", "ext-3", "ext-4" };
        foreach (var line in lines)
        {
            var matches = line.GetProperty("matches").EnumerateArray().ToList();
            Assert.InRange(matches.Count, 1, 2);
            Assert.All(matches, m => Assert.Contains(m.GetProperty("capabilityId").GetString()!, known));
            Assert.All(matches, m => Assert.InRange(m.GetProperty("score").GetDouble(), 0, 1));
            Assert.All(matches, m => Assert.NotEmpty(m.GetProperty("reasons").EnumerateArray()));
            var scores = matches.Select(m => m.GetProperty("score").GetDouble()).ToList();
            Assert.Equal(scores.OrderByDescending(s => s), scores);
        }
        var d7 = lines[0].GetProperty("matches").EnumerateArray().ToList();
        Assert.Equal("ext-1", d7[0].GetProperty("capabilityId").GetString());
        Assert.Contains(d7[0].GetProperty("reasons").EnumerateArray(), r => r.GetString() == "技能: 熔盐泵");
        Assert.DoesNotContain(d7, m => m.GetProperty("capabilityId").GetString() == "ext-3"); // an enterprise may not bid on d-7
        Assert.Equal("ext-2", lines[1].GetProperty("matches")[0].GetProperty("capabilityId").GetString());

        var one = await RunAsync("match", "--demands", demands, "--top", "1");
        Assert.All(one.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => Assert.Single(JsonDocument.Parse(l).RootElement.GetProperty("matches").EnumerateArray()));
        var byDefault = await RunAsync("match", "--demands", demands);
        Assert.Equal(0, byDefault.Exit);
        Assert.Equal(3, byDefault.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("{\"id\":\"d-1\",\"title\":\"熔盐泵\"}\n{not json}\n", 2, "JSON")]
    [InlineData("{\"title\":\"没有编号\"}\n", 1, "missing id")]
    [InlineData("{\"id\":\"d-1\",\"title\":\"甲\"}\n{\"id\":\"d-1\",\"title\":\"乙\"}\n", 2, "duplicate id")]
    [InlineData("{\"id\":\"d-1\",\"title\":\"甲\",\"eligible\":[\"Martians\"]}\n", 1, "eligible")]
    [InlineData("{\"id\":\"d-1\",\"title\":\"甲\",\"region\":\"62\"}\n", 1, "region")]
    [InlineData("{\"id\":\"d-1\",\"title\":\"甲\",\"deadline\":\"明年\"}\n", 1, "deadline")]
    [InlineData("{\"id\":\"d-1\"}\n", 1, "nothing to match on")]
    public async Task ABadDemandFile_ExitsOne_WithTheLineNumber_AndWritesNothing(string content, int line, string says)
    {
        Assert.Equal(0, (await RunAsync("import", "profiles", File("p.jsonl", Profiles))).Exit);
        var (exit, output, err) = await RunAsync("match", "--demands", File("bad.jsonl", "{\"id\":\"ok\",\"title\":\"熔盐泵\"}\n" + content));
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains($"line {line + 1}", err);
        Assert.Contains(says, err);
    }

    [Theory]
    [InlineData("--top", "0")]
    [InlineData("--top", "1001")]
    [InlineData("--top", "many")]
    public async Task BadOptions_AreUsageErrors(string option, string value)
    {
        var (exit, output, _) = await RunAsync("match", "--demands", File("d.jsonl", Demands), option, value);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task AMissingFile_ExitsOne() =>
        Assert.Equal(1, (await RunAsync("match", "--demands", Path.Combine(_cli.Dir, "nope.jsonl"))).Exit);

    public void Dispose() => _cli.Dispose();
}
