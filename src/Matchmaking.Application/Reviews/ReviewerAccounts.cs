using Matchmaking.Application.Auditing;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Reviews;

public sealed record NewReviewer(string Email, string DisplayName, int? OrganizationId, string Password);

/// <summary>Admins make reviewers (评审专家): grant the role to an existing account, or create an account.
/// Scoped, because Identity's UserManager is.</summary>
public sealed class ReviewerAccounts(UserManager<ApplicationUser> users, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task GrantAsync(Actor actor, string email, CancellationToken ct = default)
    {
        if (!Permissions.CanManageReviewers(actor)) throw new AccessDeniedException();
        var user = await users.FindByEmailAsync(email.Trim()) ?? throw new NotFoundException(L($"账号 {email}", $"account {email}"));
        if (await users.IsInRoleAsync(user, Roles.Reviewer)) throw new DomainException("already_reviewer", L("该账号已是评审专家", "This account is already a reviewer"));
        Check(await users.AddToRoleAsync(user, Roles.Reviewer));
        await AuditAsync(actor, user, "grant_reviewer", ct);
    }

    public async Task RevokeAsync(Actor actor, string userId, CancellationToken ct = default)
    {
        if (!Permissions.CanManageReviewers(actor)) throw new AccessDeniedException();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException(L("账号", "account"));
        Check(await users.RemoveFromRoleAsync(user, Roles.Reviewer));
        await AuditAsync(actor, user, "revoke_reviewer", ct);
    }

    public async Task<string> CreateAsync(Actor actor, NewReviewer input, CancellationToken ct = default)
    {
        if (!Permissions.CanManageReviewers(actor)) throw new AccessDeniedException();
        if (string.IsNullOrWhiteSpace(input.DisplayName)) throw new DomainException("name_required", L("请填写专家姓名", "Enter the reviewer's name"));
        var user = new ApplicationUser
        {
            UserName = input.Email.Trim(), Email = input.Email.Trim(), EmailConfirmed = true,
            DisplayName = input.DisplayName.Trim(), OrganizationId = input.OrganizationId,
        };
        Check(await users.CreateAsync(user, input.Password));
        Check(await users.AddToRoleAsync(user, Roles.Reviewer));
        await AuditAsync(actor, user, "create_reviewer", ct);
        return user.Id;
    }

    private async Task AuditAsync(Actor actor, ApplicationUser user, string action, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Record(actor, await db.ActorNameAsync(actor, ct), "User", user.Id, action, Now, reason: $"{user.DisplayName} <{user.Email}>");
        await db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new DomainException("identity", string.Join("；", result.Errors.Select(e => e.Description)));
    }
}
