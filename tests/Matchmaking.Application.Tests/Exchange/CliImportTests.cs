using System.Text.Json;
using Matchmaking.Cli;
using Matchmaking.Application.Tests.Infrastructure;

namespace Matchmaking.Application.Tests.Exchange;

/// <summary>The command-line tool end to end on a real data folder: import, search, broken files.</summary>
public sealed class CliImportTests : IDisposable
{
    private readonly CliHarness _cli = new();

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => _cli.RunAsync(args);

    private string File(string name, string content) => _cli.File(name, content);

    private const string Good = """
        {"id":"ext-1","name":"高温熔盐储热团队","organization":"陇原大学","orgType":"University","region":"620100","fields":["480"],"skills":["熔盐泵","高温合金"],"summary":"研究超高温熔盐泵与储热材料。","achievements":[{"type":"patent","title":"一种高温熔盐泵密封结构","year":2023}],"unknownField":1}
        {"id":"ext-2","name":"手撕钢轧制团队","organization":"金城理工大学","orgType":"高校","region":"620100","skills":["手撕钢"],"summary":"0.015毫米超薄精密不锈钢带轧制工艺。"}
        """;

    [Fact]
    public async Task ImportThenSearch_RoundTrips_AndReimportUpdates()
    {
        var (exit, output, _) = await RunAsync("import", "profiles", File("p.jsonl", Good));
        Assert.Equal(0, exit);
        Assert.Contains("2 created", output);

        var search = await RunAsync("search", "熔盐泵", "--kind", "profiles", "--top", "5");
        Assert.Equal(0, search.Exit);
        var hits = search.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("ext-1", Assert.Single(hits).GetProperty("id").GetString()); // the importer's own id comes back

        var again = await RunAsync("import", "profiles", File("p2.jsonl", Good.Replace("高温熔盐储热团队", "熔盐储热与泵阀团队")));
        Assert.Contains("0 created, 2 updated", again.Out);
        var renamed = await RunAsync("search", "泵阀", "--kind", "profiles");
        Assert.Contains("熔盐储热与泵阀团队", renamed.Out);
    }

    [Theory]
    [InlineData("{\"id\":\"a\",\"name\":\"甲\",\"summary\":\"s\"}\n{not json}\n", 2, "JSON")]
    [InlineData("{\"name\":\"无编号\",\"summary\":\"s\"}\n", 1, "id")]
    [InlineData("{\"id\":\"a\",\"name\":\"甲\",\"summary\":\"s\"}\n{\"id\":\"a\",\"name\":\"乙\",\"summary\":\"s\"}\n", 2, "与第3行重复")]
    [InlineData("{\"id\":\"a\",\"name\":\"甲\",\"summary\":\"s\",\"skills\":\"不是数组\"}\n", 1, "JSON")]
    [InlineData("{\"id\":\"a\",\"name\":\"甲\",\"summary\":\"s\",\"region\":\"abc\"}\n", 1, "region")]
    public async Task BrokenFiles_ReportTheLine_AndImportNothing(string content, int line, string says)
    {
        var (exit, _, err) = await RunAsync("import", "profiles", File("bad.jsonl", Good + "\n" + content));
        Assert.Equal(1, exit);
        Assert.Contains($"line {line + 2}", err); // two good lines and the blank joint come first
        Assert.Contains(says, err);
        var status = await RunAsync("index", "status");
        Assert.Contains("Profiles: 0 documents, 0 rows", status.Out); // all or nothing: the good lines were not imported either
    }

    [Fact]
    public async Task ATenMegabyteLine_IsRefusedWithItsLineNumber()
    {
        var huge = "{\"id\":\"big\",\"name\":\"甲\",\"summary\":\"" + new string('x', 10 << 20) + "\"}";
        var (exit, _, err) = await RunAsync("import", "profiles", File("huge.jsonl", huge + "\n"));
        Assert.Equal(1, exit);
        Assert.Contains("line 1", err);
        Assert.Contains("too long", err);
    }

    [Fact]
    public async Task Usage_ExitsWithTwo() => Assert.Equal(2, (await RunAsync("frobnicate")).Exit);

    public void Dispose() => _cli.Dispose();
}
