using Matchmaking.Core.Search;
using static Matchmaking.Core.Tests.TestData;

namespace Matchmaking.Core.Tests;

public class RankingTests : IDisposable
{
    private static readonly SynonymSet Synonyms = new([
        ["熔盐泵", "高温熔盐泵", "molten salt pump"],
        ["高镍三元", "NCM811", "high-nickel NCM"],
    ]);

    private readonly SearchIndex _index = InMemory(Synonyms);

    public RankingTests()
    {
        _index.Upsert([
            Doc("exact", "熔盐泵", "面向光热电站的长轴泵设计。"),
            Doc("longer-title", "熔盐泵密封与轴承寿命提升及高温材料", "熔盐泵在高温下运行，密封件易失效。"),
            Doc("scattered", "高温部件", "熔盐储罐的液位控制；另有循环泵的变频改造。"),
            Doc("english", "Molten salt pump for CSP plants", "Long-shaft pumps operating at 565 °C."),
            Doc("cathode", "高镍三元正极材料量产", "NCM811 正极的残碱控制与包覆工艺。", ["材料合成"]),
            Doc("cathode-en", "Cathode coating", "We need NCM811 cathode powder with low residual lithium."),
            Doc("title-hit", "激光焊接工艺", "一般性描述。"),
            Doc("body-hit", "一般性描述", "本项目涉及激光焊接工艺的参数优化。"),
            Doc("skill-hit", "一般性描述二", "无关正文。", ["激光焊接"]),
            Doc("unrelated", "氢燃料电池双极板", "石墨双极板的流道设计。"),
        ]);
    }

    public void Dispose() => _index.Dispose();

    private SearchResults Search(string query) => _index.Search(new SearchRequest { Query = query, Take = 20 });

    [Fact]
    public void ExactTitle_RanksFirst()
    {
        var ids = Ids(Search("熔盐泵"));
        Assert.Equal("exact", ids[0]);
        Assert.Contains("longer-title", ids);
    }

    [Fact]
    public void Phrase_BeatsScatteredTerms_AndScatteredBigramsDoNotMatchAtAll()
    {
        var ids = Ids(Search("熔盐泵"));
        // "scattered" has 熔盐 and 泵 but never 盐泵: all bigrams are required.
        Assert.DoesNotContain("scattered", ids);

        var english = Ids(Search("salt pump"));
        Assert.Equal("english", english[0]);
    }

    [Fact]
    public void ThreeCharacterWord_MatchesItsTwoBigramsApart_ButThePhraseRanksFirst()
    {
        // Matching a two-bigram word is a conjunction (no positions); the title phrase still wins.
        _index.Upsert(Doc("apart-bigrams", "盐泵与熔盐", "无关正文"));
        var ids = Ids(Search("熔盐泵"));
        Assert.Equal("exact", ids[0]);
        Assert.Contains("apart-bigrams", ids);
        Assert.DoesNotContain("scattered", ids);
        Assert.DoesNotContain("apart-bigrams", Ids(Search("\"熔盐泵\"")));
    }

    [Fact]
    public void FiveCharacterWord_MatchesItsBigramsApart_ButThePhraseRanksFirst_AndQuotesRequireIt()
    {
        // 钙钛 钛矿 矿电 电池: "apart-word" has all four bigrams, never in a row.
        _index.Upsert([Doc("word", "钙钛矿电池", "无关正文"), Doc("apart-word", "电池与钙钛矿电", "无关正文")]);
        Assert.Equal(["word", "apart-word"], Ids(Search("钙钛矿电池")));
        Assert.Equal(["word"], Ids(Search("\"钙钛矿电池\"")));
    }

    [Fact]
    public void CustomBodyBoost_StillFindsBodyOnlyMatches()
    {
        using var index = InMemory(options: new SearchIndexOptions { FieldBoosts = new Dictionary<string, float> { ["title"] = 2f, ["body"] = 1f } });
        index.Upsert([Doc("t", "激光焊接"), Doc("b", "其他", "激光焊接工艺")]);
        Assert.Equal(["t", "b"], Ids(index.Search(new SearchRequest { Query = "激光焊接" })));
    }

    [Fact]
    public void QuotedPhrase_RequiresAdjacency()
    {
        _index.Upsert(Doc("adjacent", "pump seal", "a pump seal for slurry"));
        _index.Upsert(Doc("apart", "seal", "the seal of the big pump"));
        var ids = Ids(Search("\"pump seal\""));
        Assert.Contains("adjacent", ids);
        Assert.DoesNotContain("apart", ids);
        var loose = Ids(Search("pump seal"));
        Assert.Equal("adjacent", loose[0]);
        Assert.Contains("apart", loose);
    }

    [Fact]
    public void LatinPhrases_AreMatchedByWordPairs_WithPhraseSemantics()
    {
        _index.Upsert(Doc("pairs-apart", "tanks", "molten salt tanks and a salt pump seal"));
        _index.Upsert(Doc("skill-values", "other", "nothing here", ["molten salt", "pump seal"]));
        var two = Search("\"salt pump\"");
        Assert.Contains("all:salt pump", two.ParsedQuery); // one term, no positions to read
        Assert.Contains("pairs-apart", Ids(two));
        // Three words: both pairs in a row, not just both pairs somewhere.
        var three = Ids(Search("\"molten salt pump\""));
        Assert.Contains("english", three);
        Assert.DoesNotContain("pairs-apart", three);
        // Two skills are two values: no pair (nor phrase) across them.
        Assert.DoesNotContain("skill-values", Ids(Search("\"salt pump\"")));
        Assert.Contains("skill-values", Ids(Search("\"pump seal\"")));
    }

    [Fact]
    public void Synonyms_FindOtherForms_BothWays()
    {
        Assert.Contains("english", Ids(Search("熔盐泵")));
        var fromEnglish = Ids(Search("molten salt pump"));
        Assert.Contains("exact", fromEnglish);
        Assert.Contains("longer-title", fromEnglish);
    }

    [Fact]
    public void MixedChineseEnglishQueries_Work()
    {
        var pump = Ids(Search("熔盐泵 molten salt pump"));
        Assert.Contains("exact", pump);
        Assert.Contains("english", pump);

        var cathode = Ids(Search("高镍三元 NCM811"));
        Assert.Equal("cathode", cathode[0]);
        Assert.Contains("cathode-en", cathode);
    }

    [Fact]
    public void Title_Beats_Skills_Beats_Body()
    {
        var ids = Ids(Search("激光焊接"));
        Assert.Equal(["title-hit", "skill-hit", "body-hit"], ids);
    }

    [Fact]
    public void SynonymOfMoreWords_DoesNotOutrankTheFormTyped()
    {
        // "molten salt pump" is three rare words, 熔盐泵 two common bigrams: by idf alone the English
        // title would win; a synonym weighs as the form typed, at half weight.
        _index.Upsert(Doc("more-bigrams", "盐泵与熔盐", "熔盐泵、熔盐和盐泵"));
        var ids = Ids(Search("熔盐泵"));
        Assert.True(ids.IndexOf("exact") < ids.IndexOf("english"), string.Join(", ", ids));
        var english = Ids(Search("molten salt pump"));
        Assert.Equal("english", english[0]);
    }

    [Fact]
    public void TitleWeight_FollowsAnUpdatedTitle()
    {
        Assert.Equal(["title-hit", "skill-hit", "body-hit"], Ids(Search("激光焊接")));
        _index.Upsert(Doc("title-hit", "一般性描述三", "无关正文。", ["激光焊接"]));
        _index.Upsert(Doc("body-hit", "激光焊接工艺", "本项目涉及激光焊接工艺的参数优化。"));
        Assert.Equal(["body-hit", "skill-hit", "title-hit"], Ids(Search("激光焊接")));
    }

    [Fact]
    public void Exclusion_RemovesDocuments()
    {
        var ids = Ids(Search("熔盐泵 -密封"));
        Assert.Contains("exact", ids);
        Assert.DoesNotContain("longer-title", ids);
    }

    [Fact]
    public void Or_MatchesEitherSide()
    {
        var ids = Ids(Search("双极板 OR 激光焊接"));
        Assert.Contains("unrelated", ids);
        Assert.Contains("title-hit", ids);
        Assert.Equal(4, ids.Length);
    }

    [Fact]
    public void NoDocumentWithAllWords_FallsBackToAnyWord_WithMessage()
    {
        var results = Search("双极板 激光焊接");
        Assert.Equal(4, results.Total);
        Assert.Equal([new SearchNotice(SearchNoticeKind.SomeOfTheWords)], results.Notices);
        Assert.NotNull(results.Message);
    }

    [Fact]
    public void RepeatedWord_IsRequiredOnce_AndCountsOnceTowardsHalfTheWords()
    {
        Assert.Equal(_index.Parser.Parse("熔盐泵").Query.ToString(), _index.Parser.Parse("熔盐泵 熔盐泵").Query.ToString());
        Assert.Equal(Ids(Search("熔盐泵")), Ids(Search("熔盐泵 熔盐泵")));
        // Four different words: a document with only one of them (typed three times) is not half of them.
        Assert.DoesNotContain("unrelated", Ids(Search("双极板 双极板 双极板 激光焊接 熔盐泵 钙钛矿")));
        Assert.Contains("unrelated", Ids(Search("双极板 OR 双极板 激光焊接")));
    }

    [Fact]
    public void Highlights_AreHtmlSafe_AndMarkMatches()
    {
        _index.Upsert(Doc("html", "<script>alert(1)</script> 熔盐泵 & co", "前文 " + new string('无', 300) + " 关键的熔盐泵参数 <b>粗体</b>"));
        var hit = Search("熔盐泵").Hits.Single(h => h.Id == "html");
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt; <mark>熔盐泵</mark> &amp; co", hit.TitleHighlighted);
        Assert.Contains("<mark>熔盐泵</mark>", hit.Snippet);
        Assert.Contains("&lt;b&gt;", hit.Snippet);
        Assert.StartsWith("…", hit.Snippet);
        Assert.True(hit.Snippet.Length < 200, hit.Snippet);
    }

    [Theory]
    [InlineData(12000)]
    [InlineData(5000)]
    public void VeryLongBody_StillGivesIdTitleAndSnippet(int filler)
    {
        // 12,000 characters are over the 32,766-byte limit of a doc value: that body is kept as a stored field instead.
        _index.Upsert(Doc("long", "超长正文", new string('无', filler) + "关键的熔盐泵参数" + new string('有', 100)));
        var hit = Search("熔盐泵 参数").Hits.Single();
        Assert.Equal("long", hit.Id);
        Assert.Equal("超长正文", hit.TitleHighlighted);
        Assert.Contains("关键的<mark>熔盐泵参数</mark>有", hit.Snippet);
        Assert.StartsWith("…", hit.Snippet);
    }

    [Fact]
    public void TitleAndSkills_AreSearchableInTheirOwnFields_AndInTheCatchAll()
    {
        // Title and skills are analysed once and their tokens replayed into both fields.
        _index.Upsert(Doc("own", "钙钛矿叠层", "无关正文", ["质子交换膜", "NCM811 coating"]));
        foreach (var query in new[] { "钙钛矿", "质子交换膜", "\"ncm811 coating\"" })
        {
            var hit = Search(query).Hits.First();
            Assert.Equal("own", hit.Id);
        }
        var withTitleWeight = Search("钙钛矿").Hits.Single(h => h.Id == "own");
        Assert.Equal("<mark>钙钛矿</mark>叠层", withTitleWeight.TitleHighlighted);
    }

    [Fact]
    public void SingleCharacter_FindsWordsContainingIt_WithoutIndexedUnigrams()
    {
        var results = Search("泵");
        Assert.True(Ids(results).Contains("exact"), results.ParsedQuery + " | " + string.Join(",", Ids(results)));
        Assert.Contains("scattered", Ids(results)); // 循环泵
        Assert.DoesNotContain("unrelated", Ids(results));
        Assert.Contains("熔盐<mark>泵</mark>", results.Hits.Single(h => h.Id == "exact").TitleHighlighted);
    }

    [Fact]
    public void SingleCharacter_WithIndexedUnigrams_AlsoWorks()
    {
        using var index = InMemory(options: new SearchIndexOptions { IndexUnigrams = true });
        index.Upsert([Doc("a", "熔盐泵"), Doc("b", "双极板")]);
        var results = index.Search(new SearchRequest { Query = "泵" });
        Assert.Equal(["a"], Ids(results));
        Assert.Equal("熔盐<mark>泵</mark>", results.Hits[0].TitleHighlighted);
        Assert.Equal(["a"], Ids(index.Search(new SearchRequest { Query = "熔盐泵" })));
    }
}
