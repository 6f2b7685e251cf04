using System.Net;
using System.Text.RegularExpressions;

namespace Matchmaking.Web.Tests.Infrastructure;

public static partial class HttpLogin
{
    /// <summary>A client that signs in through the real login form (antiforgery token included) and keeps the cookie.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this PortalFactory app, string email, string password = PortalFactory.Password)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsync("/Account/Login", await LoginFormAsync(client, email, password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<FormUrlEncodedContent> LoginFormAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var token = TokenRegex().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "no antiforgery token on the login page: " + page[..Math.Min(page.Length, 3000)]);
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "login",
            ["Input.Email"] = email, ["Input.Password"] = password,
        });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
