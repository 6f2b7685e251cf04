using Matchmaking.Application.Common;

namespace Matchmaking.Application.Organizations;

public enum OrganizationType { Enterprise = 1, University = 2, ResearchInstitute = 3 }

public class Organization
{
    private Organization() { }

    public Organization(string name, OrganizationType type, string creditCode, string regionCode, string regionName)
    {
        Rename(name);
        Type = type;
        SetCreditCode(creditCode);
        SetRegion(regionCode, regionName);
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public OrganizationType Type { get; set; }
    public bool IsChainLeader { get; set; }
    public bool IsSpecialisedSme { get; set; }
    public string CreditCode { get; private set; } = "";
    /// <summary>GB/T 2260 six-digit administrative division code, e.g. 620100 兰州市.</summary>
    public string RegionCode { get; private set; } = "";
    public string RegionName { get; private set; } = "";
    public bool IsVerified { get; private set; }
    public DateTimeOffset? VerifiedAt { get; private set; }
    public string? VerifiedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; set; }

    public void Rename(string name)
    {
        name = name.Trim();
        if (name.Length is < 2 or > 100) throw new DomainException("org_name", L("机构名称应为2–100个字符", "The organisation name must be 2–100 characters long"));
        Name = name;
    }

    public void SetCreditCode(string code)
    {
        var problem = Organizations.CreditCode.Check(code);
        if (problem != Organizations.CreditCode.Problem.None)
            throw new DomainException("credit_code", Organizations.CreditCode.Describe(problem));
        CreditCode = Organizations.CreditCode.Normalize(code);
    }

    public void SetRegion(string code, string name)
    {
        if (!Regions.IsValidCode(code)) throw new DomainException("region", L("行政区划代码应为6位数字（GB/T 2260）", "The administrative region code must be 6 digits (GB/T 2260)"));
        RegionCode = code;
        RegionName = string.IsNullOrWhiteSpace(name) ? Regions.NameOf(code) ?? code : name.Trim();
    }

    public void Verify(string by, DateTimeOffset at)
    {
        IsVerified = true;
        VerifiedAt = at;
        VerifiedBy = by;
    }

    public void RevokeVerification() { IsVerified = false; VerifiedAt = null; VerifiedBy = null; }
}
