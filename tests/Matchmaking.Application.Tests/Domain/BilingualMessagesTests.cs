using System.Globalization;
using System.Text.RegularExpressions;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.DemandLists;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Reviews;
using static Matchmaking.Application.Common.Bilingual;

namespace Matchmaking.Application.Tests.Domain;

/// <summary>
/// Refusals and validation problems come back in the reader's language (the UI culture the web layer sets): every
/// validator reports the same fields in both languages, Chinese in Chinese and no Chinese left in English.
/// </summary>
public sealed partial class BilingualMessagesTests
{
    private static readonly DateTime Now = TestData.Now;

    [GeneratedRegex(@"[\u4e00-\u9fff]")] private static partial Regex Han();

    private static T In<T>(string culture, Func<T> f)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return f(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    private static string Long(int n) => new('x', n);
    private static List<string> Many(int n) => Enumerable.Range(0, n).Select(i => "s" + i).ToList();

    /// <summary>Each validator fed an empty input and an oversized one, so both the "required" and the "too long"
    /// messages of every field are produced.</summary>
    public static TheoryData<string> Validators => new(ValidatorCases.Keys);

    private static readonly Dictionary<string, Func<Dictionary<string, string>>> ValidatorCases = new()
    {
        ["challenge-empty"] = () => new ChallengeContent { Eligible = EligibleBidders.None, DeliveryMonths = 0 }.Validate(Now),
        ["challenge-oversized"] = () => new ChallengeContent
        {
            Title = Long(ChallengeContent.MaxTitle + 1), Background = Long(ChallengeContent.MaxText + 1),
            PainPoint = Long(ChallengeContent.MaxText + 1), Targets = Many(ChallengeContent.MaxTargets + 1),
            Skills = Many(ChallengeContent.MaxSkills + 1), BudgetWan = ChallengeContent.MaxBudgetWan + 1,
            BidDeadlineUtc = Now.AddYears(3), Bottleneck = (BottleneckType)99, IpArrangement = (IpArrangement)99,
            AwardMode = (AwardMode)99,
        }.Validate(Now),
        ["challenge-long-target"] = () => new ChallengeContent { Targets = [Long(ChallengeContent.MaxTargetLength + 1)] }.Validate(Now),
        ["profile-empty"] = () => new ProfileContent().Validate(2026),
        ["profile-imported-empty"] = () => new ProfileContent().Validate(2026, imported: true),
        ["profile-oversized"] = () => new ProfileContent
        {
            Name = Long(101), Summary = Long(4001), Skills = Many(41),
            Achievements = [new Achievement { Title = "" }],
        }.Validate(2026),
        ["profile-achievements"] = () => new ProfileContent
        {
            Achievements = [.. Enumerable.Range(0, 201).Select(_ => new Achievement { Title = "t", Year = 1900 })],
        }.Validate(2026),
        ["bid-empty"] = () => new BidContent().Validate(100),
        ["bid-oversized"] = () => new BidContent
        {
            TechnicalApproach = Long(BidContent.MaxText + 1), MilestonePlan = Long(BidContent.MaxText + 1),
            TeamDescription = Long(BidContent.MaxText + 1), PriorResults = Long(BidContent.MaxText + 1), BudgetAskedWan = 101,
        }.Validate(100),
        ["list-empty"] = () => new DemandListContent().Validate(),
        ["list-oversized"] = () => new DemandListContent
        {
            ChainId = 1, Batch = Long(DemandListContent.MaxBatch + 1), Title = Long(DemandListContent.MaxTitle + 1),
            Description = Long(DemandListContent.MaxDescription + 1),
        }.Validate(),
        ["item-empty"] = () => new DemandItemContent { Bottleneck = (BottleneckType)99, BudgetWan = -1, FieldCodes = [" "] }.Validate(),
        ["item-oversized"] = () => new DemandItemContent
        {
            Title = Long(DemandItemContent.MaxTitle + 1), Description = Long(DemandItemContent.MaxDescription + 1),
            Skills = Many(DemandItemContent.MaxSkills + 1), BudgetWan = ChallengeContent.MaxBudgetWan + 1,
            ExternalId = Long(DemandItemContent.MaxExternalId + 1),
        }.Validate(),
        ["item-long-skill"] = () => new DemandItemContent { Title = "t", ChainNodeId = 1, Skills = [Long(DemandItemContent.MaxSkillLength + 1)] }.Validate(),
        ["rubric-empty"] = () => Rubric.Validate([]),
        ["rubric-bad"] = () => Rubric.Validate([new RubricCriterion { Name = "", Weight = 0, Description = Long(5000) }]),
        ["rubric-sum"] = () => Rubric.Validate([new RubricCriterion { Name = "a", Weight = 30 }, new RubricCriterion { Name = "a", Weight = 30 }]),
    };

    [Theory]
    [MemberData(nameof(Validators))]
    public void Validation_problems_are_given_in_the_readers_language(string name)
    {
        var zh = In("zh-CN", ValidatorCases[name]);
        var en = In("en", ValidatorCases[name]);

        Assert.NotEmpty(zh);
        Assert.Equal(zh.Keys.Order(), en.Keys.Order());
        foreach (var (field, message) in zh)
            Assert.True(Han().IsMatch(message), $"{name}.{field} in Chinese: {message}");
        foreach (var (field, message) in en)
        {
            Assert.False(Han().IsMatch(message), $"{name}.{field} in English: {message}");
            Assert.NotEqual(zh[field], message);
        }
    }

    [Fact]
    public void Refusals_are_given_in_the_readers_language_and_keep_their_code()
    {
        var challenge = new Challenge(1, "u", TestData.Content(), Now);
        Exception Refusal() => Record.Exception(() => challenge.Approve(Now)); // a draft cannot be approved

        var zh = Assert.IsAssignableFrom<DomainException>(In("zh-CN", Refusal));
        var en = Assert.IsAssignableFrom<DomainException>(In("en", Refusal));
        Assert.Equal(zh.Code, en.Code);
        Assert.Matches(Han(), zh.Message);
        Assert.DoesNotMatch(Han(), en.Message);

        foreach (var make in new Func<DomainException>[]
                 {
                     () => new AccessDeniedException(), () => new ConcurrencyConflictException(),
                     () => new NotFoundException(L("榜单 #7", "challenge #7")),
                     () => new ValidationFailedException(new ChallengeContent().Validate(Now)),
                 })
        {
            Assert.Matches(Han(), In("zh-CN", make).Message);
            Assert.DoesNotMatch(Han(), In("en", make).Message);
        }
    }

    /// <summary>
    /// A guard for new code: a refusal or a validation message written as a bare Chinese literal would reach English
    /// readers in Chinese. Stored text (seed data, notifications, audit entries) and the import files' line reports
    /// (which already carry both languages in one line, for files and logs) are not messages of this kind.
    /// </summary>
    [Fact]
    public void No_refusal_or_validation_message_is_written_in_Chinese_only()
    {
        var root = Path.Combine(Matchmaking.Tests.Repo.Root, "src", "Matchmaking.Application");
        var bareRefusal = new Regex(@"(DomainException\(""\w+"",\s*|AccessDeniedException\(|NotFoundException\()\$?""");
        var bareFieldMessage = new Regex(@"\b(e|errors)\[[^\]]+\]\s*=\s*\$?""[^""\n]*[\u4e00-\u9fff]");
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(root, file);
            if (rel.StartsWith("Seeding", StringComparison.Ordinal) || rel.StartsWith("obj", StringComparison.Ordinal) || rel.StartsWith("bin", StringComparison.Ordinal)) continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (bareRefusal.IsMatch(lines[i]) || bareFieldMessage.IsMatch(lines[i]))
                    found.Add($"{rel}:{i + 1}: {lines[i].Trim()}");
        }
        Assert.True(found.Count == 0, "Wrap these in L(\"中文\", \"English\"):\n" + string.Join("\n", found));
    }
}
