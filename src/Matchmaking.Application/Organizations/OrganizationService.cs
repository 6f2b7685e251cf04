using Matchmaking.Application.Auditing;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Organizations;

public sealed record OrganizationInput(string Name, OrganizationType Type, string CreditCode, string RegionCode,
    bool IsChainLeader = false, bool IsSpecialisedSme = false);

public sealed class OrganizationService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<Organization>> ListAsync(bool? verified = null, string? text = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Organizations.AsNoTracking();
        if (verified is { } v) q = q.Where(o => o.IsVerified == v);
        if (!string.IsNullOrWhiteSpace(text)) q = q.Where(o => o.Name.Contains(text.Trim()) || o.CreditCode.Contains(text.Trim()));
        return await q.OrderBy(o => o.IsVerified).ThenBy(o => o.Name).ToListAsync(ct);
    }

    public async Task<Organization?> FindByCreditCodeAsync(string code, CancellationToken ct = default)
    {
        var normalized = CreditCode.Normalize(code);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.CreditCode == normalized, ct);
    }

    /// <summary>Finds the organisation by its credit code, or creates it (unverified) — used at registration.
    /// An existing organisation must have the type the registrant claims.</summary>
    public async Task<Organization> FindOrCreateAsync(OrganizationInput input, CancellationToken ct = default)
    {
        var problem = CreditCode.Check(input.CreditCode);
        if (problem != CreditCode.Problem.None) throw new DomainException("credit_code", CreditCode.Describe(problem));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = CreditCode.Normalize(input.CreditCode);
        var existing = await db.Organizations.FirstOrDefaultAsync(o => o.CreditCode == code, ct);
        if (existing is not null)
        {
            if (existing.Type != input.Type) throw new DomainException("org_type_mismatch", L($"该信用代码已登记为“{existing.Name}”，机构类型不一致", $"This credit code is already registered to “{existing.Name}” with a different organisation type"));
            return existing;
        }
        var org = new Organization(input.Name, input.Type, code, input.RegionCode, Regions.NameOf(input.RegionCode) ?? "")
        {
            IsChainLeader = input.IsChainLeader, IsSpecialisedSme = input.IsSpecialisedSme, CreatedAt = Now,
        };
        db.Organizations.Add(org);
        await db.SaveChangesAsync(ct);
        return org;
    }

    public async Task VerifyAsync(Actor actor, int id, bool verified, string? reason = null, CancellationToken ct = default)
    {
        if (!Permissions.CanVerifyOrganizations(actor)) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException(L($"机构 #{id}", $"organisation #{id}"));
        var name = await db.ActorNameAsync(actor, ct);
        var from = org.IsVerified ? "Verified" : "Unverified";
        if (verified) org.Verify(name, Now); else org.RevokeVerification();
        db.Record(actor, name, nameof(Organization), id, verified ? "verify" : "unverify", Now, from, verified ? "Verified" : "Unverified", reason);
        await db.SaveChangesAsync(ct);
    }

    public async Task UpdateFlagsAsync(Actor actor, int id, bool chainLeader, bool specialisedSme, CancellationToken ct = default)
    {
        if (!Permissions.CanVerifyOrganizations(actor)) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException(L($"机构 #{id}", $"organisation #{id}"));
        org.IsChainLeader = chainLeader;
        org.IsSpecialisedSme = specialisedSme;
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Organization), id, "flags", Now,
            reason: $"链主={chainLeader}, 专精特新={specialisedSme}");
        await db.SaveChangesAsync(ct);
    }
}
