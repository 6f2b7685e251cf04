using Matchmaking.Application.Organizations;

namespace Matchmaking.Application.Tests.Domain;

public class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the example printed in GB 32100-2015
    [InlineData("91110000600037341L")]
    public void PublishedCodes_AreValid(string code) => Assert.True(CreditCode.IsValid(code));

    [Fact]
    public void CheckCharacter_FollowsTheStandard()
    {
        // 17 zeros weigh 0, so the check value is (31 - 0) mod 31 = 0.
        Assert.Equal('0', CreditCode.CheckCharacter("00000000000000000"));
        // "1" in the first position weighs 1: check value 31 - 1 = 30, the alphabet's last character.
        Assert.Equal('Y', CreditCode.CheckCharacter("10000000000000000"));
    }

    [Fact]
    public void WrongCheckCharacter_IsRejectedWithItsOwnMessage()
    {
        var valid = TestData.Code("91620100MA7XK2B1Q");
        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');
        Assert.Equal(CreditCode.Problem.WrongCheckCharacter, CreditCode.Check(wrong));
        Assert.Contains("校验位", CreditCode.Describe(CreditCode.Check(wrong)));
    }

    [Theory]
    [InlineData("", CreditCode.Problem.Empty)]
    [InlineData("91620100MA7XK2B1", CreditCode.Problem.WrongLength)]
    [InlineData("91620100MA7XK2BIQ0", CreditCode.Problem.InvalidCharacter)] // I is not in the alphabet
    [InlineData("9162A100MA7XK2B1Q0", CreditCode.Problem.BadRegion)]
    public void MalformedCodes_SayWhatIsWrong(string code, CreditCode.Problem expected) =>
        Assert.Equal(expected, CreditCode.Check(code));

    [Fact]
    public void FullWidthAndLowerCase_AreNormalised()
    {
        var valid = TestData.Code("91620100MA7XK2B1Q");
        var fullWidth = string.Concat(valid.ToLowerInvariant().Select(c => (char)(c + 0xFEE0)));
        Assert.True(CreditCode.IsValid(fullWidth));
        Assert.Equal(valid, CreditCode.Normalize(fullWidth));
    }

    [Fact]
    public void Organization_RefusesAnInvalidCode()
    {
        var ex = Assert.Throws<Common.DomainException>(() =>
            new Organization("陇原高温材料有限公司", OrganizationType.Enterprise, "91620100MA7XK2B1Q9", "620100", ""));
        Assert.Equal("credit_code", ex.Code);
    }
}
