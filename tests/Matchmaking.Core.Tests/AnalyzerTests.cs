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

public class LatinWordPairTests
{
    private static readonly MatchmakingAnalyzer WithPairs = new() { LatinWordPairs = true };

    [Fact]
    public void AdjacentLatinWords_AlsoBecomePairs_StackedOnTheSecondWord()
    {
        var tokens = FastBigramTokenizerTests.Describe(WithPairs, "High-temperature molten salt pumps 熔盐 NCM811 cathode 3.5 mm")
            .SkipLast(1) // the final offset
            .Select(t => $"{t.Term}+{t.Increment}").ToList();
        Assert.Equal(
            ["high+1", "temperatur+1", "high temperatur+0", "molten+1", "temperatur molten+0", "salt+1", "molten salt+0", "pump+1", "salt pump+0",
             "熔盐+1", "ncm811+1", "cathod+1", "ncm811 cathod+0", "3.5+1", "cathod 3.5+0", "mm+1", "3.5 mm+0"],
            tokens);
        // Word tokens are those of the analyzer without pairs.
        Assert.Equal(new MatchmakingAnalyzer().Tokens("High-temperature molten salt pumps 熔盐 NCM811 cathode 3.5 mm"), tokens.Where(t => t.EndsWith("+1")).Select(t => t[..^2]));
    }
}

/// <summary>The one-pass tokenizer must give exactly what Lucene's tokenizer and filters give.</summary>
public class FastBigramTokenizerTests
{
    private static readonly MatchmakingAnalyzer Fast = new();
    private static readonly MatchmakingAnalyzer Reference = new() { UseReferenceChain = true };

    /// <summary>Every attribute the index or the highlighter reads, per token, then the final offset as "(end)".</summary>
    internal static List<(string Term, string Type, int Start, int End, int Increment, int Length, bool Keyword)> Describe(MatchmakingAnalyzer analyzer, string text)
    {
        var result = new List<(string, string, int, int, int, int, bool)>();
        using var stream = analyzer.GetTokenStream("all", text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var offset = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
        var increment = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
        var length = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionLengthAttribute>();
        var type = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ITypeAttribute>();
        var keyword = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IKeywordAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            result.Add((term.ToString(), type.Type, offset.StartOffset, offset.EndOffset, increment.PositionIncrement, length.PositionLength, keyword.IsKeyword));
        }
        stream.End();
        result.Add(("(end)", "", offset.EndOffset, offset.EndOffset, 0, 0, false));
        return result;
    }

    private static List<string> Tokens(MatchmakingAnalyzer analyzer, string text) => Describe(analyzer, text).Select(t => t.ToString()).ToList();

    private static void AssertSame(string text) => Assert.True(
        Tokens(Reference, text).SequenceEqual(Tokens(Fast, text)),
        $"{text}\nreference: {string.Join(" ", Tokens(Reference, text))}\nfast:      {string.Join(" ", Tokens(Fast, text))}");

    public static IEnumerable<object[]> Cases() =>
    [
        ["熔盐泵 molten salt pumps"], ["NCM811正极，容量3.5Ah；v1.2.3"], ["a.b a..b 1,000 1,a a:b 1:2 it's 1'2 x'"], ["U.S.A. e.g. 3.14159"],
        ["高镍三元（NCM811）：残碱≤0.5%"], ["、。“引号”《书名》【括号】——省略…"], [""], ["   "], ["泵"], ["中a中"], ["ａｂｃ１２３　全角"],
        ["平假名ひらがな カタカナ 한국어"], ["𠀀𠀁扩展B"], ["naïve café Ünïcode"], ["snake_case under_score"], ["℃ · × α β"],
        [new string('a', 300) + " 熔盐泵"], [new string('a', 255) + " b"], ["x" + new string('1', 254) + ".5"],
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void SameTokens_AsLucenesChain(string text) => AssertSame(text);

    [Fact]
    public void SameTokens_OnRealText()
    {
        int simple = 0, texts = 0;
        foreach (var line in File.ReadLines(Path.Combine(Matchmaking.Tests.Repo.Root, "tests", "data", "csl-dev", "profiles.jsonl")))
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            foreach (var property in json.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String))
            {
                var text = property.Value.GetString()!;
                AssertSame(text);
                texts++;
                simple += FastBigramTokenizer.IsSimple(new string(text.Select(WidthFoldingCharFilter.Fold).ToArray())) ? 1 : 0;
            }
        }
        Assert.True(texts > 2000);
        // Most real text takes the fast path (otherwise it would be no faster).
        Assert.True(simple > texts / 2, $"{simple} of {texts} texts take the fast path");
    }

    [Fact]
    public void SameTokens_OnRandomText()
    {
        // Characters the fast path handles, and some it must hand over (kana, full width, marks, surrogates, ·, ’, _).
        const string alphabet = "abcXYZ019 .,;:'-_()%\t\n熔盐泵高温中文、。“”《》—…ひカ한ａ１，；：．　·’\u0301\u00E9";
        var random = new Random(20261123);
        for (int i = 0; i < 5000; i++)
        {
            var chars = new List<char>();
            int length = random.Next(0, 40);
            for (int c = 0; c < length; c++)
            {
                if (random.Next(60) == 0)
                {
                    chars.AddRange("𠀀");
                }
                else
                {
                    chars.Add(alphabet[random.Next(alphabet.Length)]);
                }
            }
            AssertSame(new string([.. chars]));
        }
    }

    [Fact]
    public void ReusedAcrossFastAndFallbackTexts()
    {
        foreach (var text in new[] { "熔盐泵", "ひらがな熔盐", "熔盐泵 pump", "naïve", "", "高温" })
        {
            AssertSame(text);
        }
    }
}
