using System.Net;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Matchmaking.Web.Tests.AwardFlow;

/// <summary>The new pages over real HTTP: the 公示 board is public, the rest needs a sign-in, reviewer
/// administration needs the Admin role.</summary>
public class AwardPageAccessTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task PublicityBoard_IsOpenToAnonymous()
    {
        var response = await Anonymous().GetAsync("/publicity");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/my/reviews")]
    [InlineData("/admin/reviewers")]
    [InlineData("/challenges/1/review")]
    [InlineData("/challenges/1/delivery")]
    public async Task ReviewAndDeliveryPages_SendAnonymousToLogin(string path)
    {
        var response = await Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData(Roles.Reviewer, false)]
    [InlineData(Roles.Enterprise, false)]
    [InlineData(Roles.Researcher, false)]
    [InlineData(Roles.Admin, true)]
    public async Task ReviewerAdministration_IsAdminOnly(string role, bool allowed)
    {
        var email = PortalFactory.AdminEmail;
        if (role != Roles.Admin)
        {
            email = $"{role.ToLowerInvariant()}{Guid.NewGuid():N}@test.local";
            await app.CreateUserAsync(role, role == Roles.Enterprise ? OrganizationType.Enterprise : OrganizationType.University, email);
        }
        var response = await (await app.SignedInClientAsync(email)).GetAsync("/admin/reviewers");
        if (allowed) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }
}
