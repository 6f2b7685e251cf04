using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Matchmaking.Core.Search;
using static Matchmaking.Core.Tests.TestData;

namespace Matchmaking.Core.Tests;

/// <summary>The cheaper rebuild must not change what is indexed: lower-casing, the hit record, facet filters.</summary>
public class IndexLayoutTests
{
    private static string Lower(string text, bool fast)
    {
        using var tokenizer = new KeywordTokenizer(new StringReader(text));
        TokenStream stream = fast ? new CaselessAwareLowerCaseFilter(tokenizer) : new LowerCaseFilter(MatchmakingAnalyzer.Version, tokenizer);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        Assert.True(stream.IncrementToken());
        var result = term.ToString();
        stream.End();
        stream.Dispose();
        return result;
    }

    [Fact]
    public void LowerCasing_EqualsLuceneLowerCaseFilter_ForEveryBmpCharacter()
    {
        // Every UTF-16 unit in chunks of 64, alone and after an ASCII + Han prefix (which takes the fast path first).
        for (int start = 1; start < 0x10000; start += 64)
        {
            var chunk = new string(Enumerable.Range(start, Math.Min(64, 0x10000 - start)).Select(c => (char)c).ToArray());
            foreach (var text in new[] { chunk, "Ab熔盐" + chunk, chunk + "XY泵" })
            {
                Assert.Equal(Lower(text, fast: false), Lower(text, fast: true));
            }
        }
    }

    [Theory]
    [InlineData("熔盐泵 Molten SALT")]
    [InlineData("ΣΊΣΥΦΟΣ İSTANBUL STRASSE ǅ")]
    [InlineData("熔盐\U00010400\U00010401泵")] // Deseret capitals (surrogate pairs) after Han
    [InlineData("ＡＢＣ 高镍三元NCM811")]
    public void LowerCasing_EqualsLuceneLowerCaseFilter_ForMixedText(string text)
    {
        Assert.Equal(Lower(text, fast: false), Lower(text, fast: true));
    }

    [Fact]
    public void CaselessBlocks_HaveNoCaseMapping()
    {
        for (int c = 0; c < 0x10000; c++)
        {
            if (CaselessAwareLowerCaseFilter.IsCaseless((char)c))
            {
                Assert.Equal((char)c, char.ToLowerInvariant((char)c));
                Assert.Equal((char)c, char.ToUpperInvariant((char)c));
            }
        }
    }

    [Theory]
    [InlineData("id-1", "标题", "正文")]
    [InlineData("", "", "")]
    [InlineData("长编号", "", "只有正文")]
    public void HitRecord_RoundTrips(string id, string title, string body)
    {
        var bytes = new BytesRef();
        Assert.True(HitRecord.Write(id, title, [], body, bytes));
        Assert.Equal((id, title, body, false), HitRecord.Read(bytes));
    }

    [Fact]
    public void HitRecord_CutsALongTitle_AndMarksABodyThatDoesNotFit()
    {
        var bytes = new BytesRef();
        var title = new string('题', 20_000);
        var body = new string('文', 20_000);
        Assert.False(HitRecord.Write("x", title, [], body, bytes));
        Assert.True(bytes.Length <= HitRecord.MaxBytes);
        var (id, readTitle, readBody, stored) = HitRecord.Read(bytes);
        Assert.Equal("x", id);
        Assert.True(title.StartsWith(readTitle, StringComparison.Ordinal) && readTitle.Length > 10_000);
        Assert.Equal(("", true), (readBody, stored));

        // A body that fits exactly is kept in the record.
        var fitting = new string('b', HitRecord.MaxBytes - 4);
        Assert.True(HitRecord.Write("x", "", [], fitting, bytes));
        Assert.Equal(HitRecord.MaxBytes, bytes.Length);
        Assert.Equal(fitting, HitRecord.Read(bytes).Body);
        Assert.False(HitRecord.Write("x", "", [], fitting + "b", bytes));
    }

    [Fact]
    public void VeryLongTitleAndBody_AreShown()
    {
        using var index = InMemory();
        index.Upsert(Doc("long", new string('题', 12_000) + "熔盐泵", new string('无', 12_000) + "关键的熔盐泵参数"));
        var hit = index.Search(new SearchRequest { Query = "参数" }).Hits.Single();
        Assert.Equal("long", hit.Id);
        Assert.Contains("<mark>参数</mark>", hit.Snippet);
    }

    [Fact]
    public void FacetFilter_SeesOnlyLiveDocuments_AndValuesFromDocValues()
    {
        using var index = InMemory();
        var region = (string r) => new Dictionary<string, IReadOnlyList<string>> { ["region"] = [r], ["chain"] = ["c1", "c2"] };
        index.Upsert([Doc("a", "熔盐泵", facets: region("r1")), Doc("b", "熔盐泵", facets: region("r2"))]);
        index.Commit(1);
        index.Upsert(Doc("a", "熔盐泵", facets: region("r2"))); // the old "a" (r1) is deleted in the first segment
        SearchResults Filter(string facet, params string[] values) => index.Search(new SearchRequest
        {
            Query = "熔盐泵",
            Filters = new Dictionary<string, IReadOnlyCollection<string>> { [facet] = values },
        });
        Assert.Equal(0, Filter("region", "r1").Total);
        Assert.Equal(["a", "b"], Ids(Filter("region", "r2", "r1")).Order());
        Assert.Equal(2, Filter("chain", "c2").Total);
        Assert.Equal(0, Filter("chain", "C2").Total);
        Assert.Equal(0, Filter("nofacet", "x").Total);
    }

    [Fact]
    public void HitRecord_KeepsSkills_ForScoring_AndLeavesOutSkillsThatDoNotFit()
    {
        var bytes = new BytesRef();
        Assert.True(HitRecord.Write("id", "熔盐泵", ["长轴泵", "", "pump seal"], "正文", bytes));
        Assert.Equal(("id", "熔盐泵", "正文", false), HitRecord.Read(bytes));
        Assert.Equal(("熔盐泵", "长轴泵\u001F\u001Fpump seal"), HitRecord.ReadTitleAndSkills(bytes));

        // The title takes what room there is; whole skills follow while they fit, and the record never exceeds the limit.
        var title = new string('题', 10_000);
        var skills = Enumerable.Range(0, 200).Select(i => new string('技', 30) + i).ToList();
        HitRecord.Write("x", title, skills, "正文", bytes);
        Assert.True(bytes.Length <= HitRecord.MaxBytes);
        var (readTitle, readSkills) = HitRecord.ReadTitleAndSkills(bytes);
        Assert.Equal(title, readTitle);
        var kept = readSkills.Split(HitRecord.SkillSeparator);
        Assert.InRange(kept.Length, 1, skills.Count - 1);
        Assert.Equal(skills.Take(kept.Length), kept);
    }

    [Fact]
    public void TitleAndSkills_AreIndexedOnlyInTheCatchAllField()
    {
        using var index = InMemory();
        index.Upsert(Doc("a", "熔盐泵", "正文", ["长轴泵"]));
        var fields = index.WithSearcherForProfiling(s => s.IndexReader.Leaves.SelectMany(l => l.AtomicReader.FieldInfos).Where(f => f.IsIndexed).Select(f => f.Name).ToList());
        Assert.Equal([FieldNames.All, FieldNames.Id], fields.Order());
    }

    [Fact]
    public void TitleSkillsTokens_KeepFieldPositionsAndGapsBetweenSkills()
    {
        var analyzer = new MatchmakingAnalyzer();
        var packed = TitleSkillsTokens.Analyze(analyzer, "熔盐泵", "密封\u001FPump seals");
        var tokens = new List<(int Field, int Position, string Term)>();
        for (int t = 0, at = 1; t < packed[0]; t++)
        {
            tokens.Add((packed[at] & 1, packed[at + 1], new string(packed, at + 3, packed[at + 2])));
            at += 3 + packed[at + 2];
        }
        int gap = analyzer.GetPositionIncrementGap(FieldNames.Skills);
        Assert.Equal([(0, 0, "熔盐"), (0, 1, "盐泵"), (1, 0, "密封"), (1, 1 + gap, "pump"), (1, 2 + gap, "seal")], tokens);
    }
}
