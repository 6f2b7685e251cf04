using System.Security.Claims;
using Matchmaking.Application.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Matchmaking.Web.Infrastructure;

public static class PortalClaims
{
    public const string OrganizationId = "mm:org";
    public const string DisplayName = "mm:name";

    public static Actor ToActor(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Actor.Anonymous;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        int? org = int.TryParse(user.FindFirstValue(OrganizationId), out var o) ? o : null;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();
        return new Actor(id, org, roles);
    }
}

/// <summary>Puts the organisation and display name into the cookie, so pages know them without a query.</summary>
public sealed class PortalClaimsFactory(UserManager<ApplicationUser> users, RoleManager<Microsoft.AspNetCore.Identity.IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, Microsoft.AspNetCore.Identity.IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.OrganizationId is { } org) identity.AddClaim(new Claim(PortalClaims.OrganizationId, org.ToString()));
        identity.AddClaim(new Claim(PortalClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        return identity;
    }
}
