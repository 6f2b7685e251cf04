using Matchmaking.Core.Search;

namespace Matchmaking.Core.Tests;

public class AnalyzerTests
{
    private static readonly MatchmakingAnalyzer Bigrams = new(outputUnigrams: false);
    private static readonly MatchmakingAnalyzer WithUnigrams = new(outputUnigrams: true);

    [Fact]
    public void Chinese_BecomesOverlappingBigrams()
    {
        Assert.Equal(["熔盐", "盐泵"], Bigrams.Tokens("熔盐泵"));
    }

    [Fact]
    public void LoneHanCharacter_StaysAUnigram()
    {
        Assert.Equal(["泵"], Bigrams.Tokens("泵"));
        Assert.Equal(["锂", "pump"], Bigrams.Tokens("锂 pumps"));
    }

    [Fact]
    public void OutputUnigrams_AddsEveryCharacterNextToTheBigrams()
    {
        var tokens = WithUnigrams.Tokens("熔盐泵");
        Assert.Equal(["熔", "熔盐", "盐", "盐泵", "泵"], tokens);
    }

    [Theory]
    [InlineData("pumps", "pump")]
    [InlineData("Pumping", "pump")]
    [InlineData("batteries", "batteri")]
    [InlineData("supplier's", "supplier")]
    public void English_IsLowerCasedAndStemmed(string input, string expected)
    {
        Assert.Equal([expected], Bigrams.Tokens(input));
    }

    [Fact]
    public void Mixed_ChineseAndEnglish_AreBothTokenized()
    {
        Assert.Equal(["高镍", "镍三", "三元", "ncm811", "正极", "molten", "salt", "pump"],
            Bigrams.Tokens("高镍三元NCM811正极 Molten Salt Pumps"));
    }

    [Fact]
    public void FullWidth_FoldsToHalfWidth()
    {
        Assert.Equal(["ncm811"], Bigrams.Tokens("ＮＣＭ８１１"));
        Assert.Equal(["高镍", "ncm811"], Bigrams.Tokens("高镍　ＮＣＭ８１１"));
    }

    [Fact]
    public void Offsets_PointIntoTheOriginalText()
    {
        var highlighter = new Highlighter(Bigrams);
        var matches = highlighter.FindMatches("用于ＮＣＭ８１１的泵", new HashSet<string> { "ncm811" });
        Assert.Equal([(2, 8)], matches);
    }

    [Fact]
    public void ChineseTokens_AreNotStemmed()
    {
        // Porter would turn a Latin "ss" ending; CJK tokens must pass through untouched.
        Assert.Equal(["电池", "池组"], Bigrams.Tokens("电池组"));
    }
}
