using System.Diagnostics;
using System.Text;
using Matchmaking.Core.Search;
using static Matchmaking.Core.Tests.TestData;

namespace Matchmaking.Core.Tests;

public class QueryParserFuzzTests
{
    private static readonly string[] Hostile =
    [
        "", " ", "\"", "\"\"", "\"熔盐泵", "熔盐泵\"", "a\"b\"c\"", "-", "--", "- -", "-\"\"", "OR", "OR OR", "a OR", "OR a",
        "+", "&&", "||", "!", "(", ")", "{", "}", "[", "]", "^", "~", "*", "?", ":", "\\", "/", "\\\\", "*:*",
        "title:熔盐泵", "body:(a OR b)", "a AND b", "NOT a", "a~2", "\"a b\"~3", "a^10", "[a TO b]", "{* TO *}", "/regex/",
        "?ump*", "\0", "\u0001\u0002\u001f", "\u007f", "\uFFFE\uFFFF", "😀", "熔盐😀泵", "\uD800", "\uDC00", "a\uD800b",
        "\uD83D", "ＮＣＭ８１１", "高镍三元 NCM811", "熔盐泵 molten salt pump", "-熔盐泵", "-\"molten salt\"", "C++ C# .NET",
        "<script>alert(1)</script>", "' OR 1=1 --", "%00", "\u200B\u200D", "\u202E", "ﾃｽﾄ", "الملح", "🇨🇳🇨🇳",
        string.Concat(Enumerable.Repeat("熔盐泵 ", 500)), string.Concat(Enumerable.Repeat("(", 2000)),
        string.Concat(Enumerable.Repeat("a OR ", 300)), string.Concat(Enumerable.Repeat("\"", 999)),
        new string('熔', 100_000), string.Concat(Enumerable.Repeat("x ", 50_000)),
    ];

    private static readonly string Alphabet =
        "ab熔盐泵电池 \"-+&|!(){}[]^~*?:\\/\t\n\r\0ORANDNOT ＮＣＭ８１１😀\uD800\uDC00\u3000,.;'<>%$#@";

    private static SearchIndex BuildIndex()
    {
        var index = InMemory(new SynonymSet([["熔盐泵", "molten salt pump"], ["a", "b c"]]));
        index.Upsert([
            Doc("1", "熔盐泵 molten salt pump", "a b c 电池 NCM811", facets: new() { ["status"] = ["open"] }),
            Doc("2", "C++ and C# on .NET", "熔盐泵 😀 <script>", facets: new() { ["status"] = ["closed"] }),
        ]);
        return index;
    }

    [Fact]
    public void HostileQueries_NeverThrow_AndGiveResultsOrMessage()
    {
        using var index = BuildIndex();
        foreach (var query in Hostile)
        {
            var results = index.Search(new SearchRequest { Query = query, FacetFields = ["status"] });
            Assert.NotNull(results.ParsedQuery);
            Assert.InRange(results.Total, 0, 2);
            if (query.Length > SafeQueryParser.MaxQueryLength)
            {
                Assert.Contains(new SearchNotice(SearchNoticeKind.QueryTruncated, SafeQueryParser.MaxQueryLength), results.Notices);
                Assert.Contains("截断", results.Message);
            }
        }
    }

    [Fact]
    public void UnbalancedQuote_IsSearchedAsPlainText_WithMessage()
    {
        using var index = BuildIndex();
        var results = index.Search(new SearchRequest { Query = "\"熔盐泵" });
        Assert.Equal(2, results.Total);
        Assert.Equal([new SearchNotice(SearchNoticeKind.UnbalancedQuote)], results.Notices);
        Assert.Contains("引号", results.Message);
    }

    [Fact]
    public void LuceneSyntax_IsPlainText()
    {
        using var index = BuildIndex();
        // As Lucene syntax "title:熔盐泵" would restrict to a field; here it is just words.
        var parsed = index.Parser.Parse("熔盐泵^10 (pump) [a TO b]");
        Assert.DoesNotContain("^10", parsed.Query.ToString());
        Assert.Empty(parsed.Notices);
        Assert.Null(parsed.Message);
        Assert.Equal(1, index.Search(new SearchRequest { Query = "(molten) salt* !pump" }).Total);
    }

    [Fact]
    public void PunctuationOnly_MatchesAll_WithMessage()
    {
        using var index = BuildIndex();
        var results = index.Search(new SearchRequest { Query = "+++ ((( ]]" });
        Assert.Equal(2, results.Total);
        Assert.Equal([new SearchNotice(SearchNoticeKind.NothingSearchable)], results.Notices);
        Assert.NotNull(results.Message);
    }

    [Fact]
    public void ThousandsOfRandomQueries_NeverThrow_AndStayBounded()
    {
        using var index = BuildIndex();
        var random = new Random(20260101);
        var clock = Stopwatch.StartNew();
        long slowest = 0;
        for (int i = 0; i < 2500; i++)
        {
            var sb = new StringBuilder();
            int length = random.Next(0, i % 100 == 0 ? 3000 : 40);
            for (int j = 0; j < length; j++)
            {
                sb.Append(random.Next(10) == 0 ? (char)random.Next(0, 0x10000) : Alphabet[random.Next(Alphabet.Length)]);
            }
            var started = clock.ElapsedMilliseconds;
            var results = index.Search(new SearchRequest { Query = sb.ToString(), FacetFields = ["status"], Take = random.Next(-5, 200), Skip = random.Next(-5, 5) });
            Assert.InRange(results.Total, 0, 2);
            Assert.InRange(results.Hits.Count, 0, 2);
            slowest = Math.Max(slowest, clock.ElapsedMilliseconds - started);
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"2500 queries took {clock.Elapsed}");
        Assert.True(slowest < 5000, $"slowest query {slowest} ms");
    }
}
