using System.Net;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaking.Web.Tests.Authorization;

/// <summary>Page-level rules over real HTTP with real sign-in cookies: the server refuses, whatever the UI shows.</summary>
public class PageAccessTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/")]
    [InlineData("/challenges")]
    [InlineData("/profiles")]
    [InlineData("/demand-lists")]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    public async Task PublicPages_OpenToAnonymous(string path)
    {
        var response = await Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/moderation")]
    [InlineData("/admin/organizations")]
    [InlineData("/admin/taxonomy")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/demand-lists")]
    [InlineData("/admin/search-index")]
    [InlineData("/challenges/new")]
    [InlineData("/my/challenges")]
    [InlineData("/my/bids")]
    [InlineData("/my/profiles")]
    public async Task ProtectedPages_SendAnonymousToLogin(string path)
    {
        var response = await Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData(Roles.Researcher, "/admin/moderation", false)]
    [InlineData(Roles.Enterprise, "/admin/moderation", false)]
    [InlineData(Roles.Enterprise, "/admin/taxonomy", false)]
    [InlineData(Roles.Researcher, "/admin/audit", false)]
    [InlineData(Roles.Researcher, "/challenges/new", false)]
    [InlineData(Roles.Enterprise, "/challenges/new", true)]
    [InlineData(Roles.Admin, "/challenges/new", true)]
    [InlineData(Roles.Enterprise, "/my/bids", false)]
    [InlineData(Roles.Researcher, "/my/bids", true)]
    [InlineData(Roles.Researcher, "/my/challenges", false)]
    [InlineData(Roles.Enterprise, "/my/challenges", true)]
    [InlineData(Roles.Enterprise, "/my/profiles", false)]
    [InlineData(Roles.Admin, "/admin/moderation", true)]
    [InlineData(Roles.Admin, "/admin/audit", true)]
    [InlineData(Roles.Enterprise, "/admin/demand-lists", false)]
    [InlineData(Roles.Researcher, "/admin/search-index", false)]
    [InlineData(Roles.Admin, "/admin/demand-lists", true)]
    public async Task RolePages_AreEnforcedByTheServer(string role, string path, bool allowed)
    {
        var email = role == Roles.Admin ? PortalFactory.AdminEmail
            : (await CreateAsync(role)).email;
        var client = await app.SignedInClientAsync(email);
        var response = await client.GetAsync(path);
        if (allowed) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task Login_LocksTheAccountAfterFiveFailures()
    {
        var (email, _) = await CreateAsync(Roles.Researcher);
        async Task<HttpResponseMessage> TryAsync(string password)
        {
            var client = Anonymous(); // a fresh browser each time: lockout is per account, not per session
            return await client.PostAsync("/Account/Login", await HttpLogin.LoginFormAsync(client, email, password));
        }
        for (var i = 0; i < 4; i++)
        {
            var failed = await TryAsync("wrong-password");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode); // the form again, with an error
            Assert.Contains("Error", await failed.Content.ReadAsStringAsync());
        }
        var fifth = await TryAsync("wrong-password");
        Assert.Contains("/Account/Lockout", fifth.Headers.Location?.ToString() ?? "");
        // Even the right password is refused now.
        var locked = await TryAsync(PortalFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Contains("/Account/Lockout", locked.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Register_CannotGrantAdmin_AndRejectsABadCreditCode()
    {
        var client = Anonymous();
        var page = await client.GetStringAsync("/Account/Register");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Dictionary<string, string> Form(string role, string code, string email) => new()
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "register", ["Input.Role"] = role,
            ["Input.DisplayName"] = "李工", ["Input.Email"] = email, ["Input.Password"] = "Passw0rd!x", ["Input.ConfirmPassword"] = "Passw0rd!x",
            ["Input.OrgName"] = "陇原测试大学", ["Input.OrgType"] = "University", ["Input.CreditCode"] = code, ["Input.RegionCode"] = "620100",
        };
        var badCode = await client.PostAsync("/Account/Register", new FormUrlEncodedContent(Form(Roles.Researcher, "12620100MA0000001X", "bad@test.local")));
        Assert.Equal(HttpStatusCode.OK, badCode.StatusCode);
        Assert.Contains("校验位", WebUtility.HtmlDecode(await badCode.Content.ReadAsStringAsync()));

        var prefix = "12620100MA0000077";
        var good = prefix + CreditCode.CheckCharacter(prefix);
        var asAdmin = await client.PostAsync("/Account/Register", new FormUrlEncodedContent(Form(Roles.Admin, good, "sneaky@test.local")));
        Assert.NotEqual(HttpStatusCode.Redirect, asAdmin.StatusCode);

        var ok = await client.PostAsync("/Account/Register", new FormUrlEncodedContent(Form(Roles.Researcher, good, "ok@test.local")));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Null(await users.FindByEmailAsync("sneaky@test.local"));
        var user = await users.FindByEmailAsync("ok@test.local");
        Assert.NotNull(user);
        Assert.Equal([Roles.Researcher], await users.GetRolesAsync(user));
        await using var db = await app.DbAsync();
        var org = await db.Organizations.SingleAsync(o => o.Id == user.OrganizationId);
        Assert.False(org.IsVerified); // a new organisation waits for an administrator
    }

    private async Task<(string email, Actor actor)> CreateAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}{Guid.NewGuid():N}@test.local";
        var actor = await app.CreateUserAsync(role, role == Roles.Enterprise ? OrganizationType.Enterprise : OrganizationType.University, email);
        return (email, actor);
    }
}
