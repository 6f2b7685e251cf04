using System.Text.RegularExpressions;
using Matchmaking.Web.Tests.Infrastructure;

namespace Matchmaking.Web.Tests.Components;

/// <summary>The fonts the portal asks for are names a browser can match, and ℃ has a font that draws it.</summary>
public partial class PortalThemeTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task EveryTextStyle_ListsMatchableFontNames_WithTheTemperatureSignsFirstAmongTheLinuxFonts()
    {
        var page = await app.CreateClient().GetStringAsync("/");
        var families = FamilyVariable().Matches(page).Select(m => (Style: m.Groups[1].Value, Fonts: m.Groups[2].Value)).ToList();
        Assert.Equal(14, families.Count); // default, h1–h6, subtitle1–2, body1–2, button, caption, overline
        foreach (var (style, fonts) in families)
        {
            // MudBlazor quotes the names itself: a name given with quotes became '"PingFang SC"' and matched nothing.
            Assert.DoesNotContain("\"", fonts);
            var names = fonts.Split(',').Select(n => n.Trim().Trim('\'')).ToList();
            Assert.True(names.IndexOf("Temperature Signs") is >= 0 and var t && t < names.IndexOf("WenQuanYi Micro Hei"), $"{style}: {fonts}");
        }

        var css = await app.CreateClient().GetStringAsync("/app.css");
        var face = Regex.Match(css, "@font-face\\s*\\{[^}]*font-family:\\s*\"Temperature Signs\"[^}]*\\}");
        Assert.True(face.Success, "app.css declares the Temperature Signs face");
        Assert.Contains("U+2103", face.Value); // ℃
        Assert.Contains("local(\"DejaVu Sans\")", face.Value);
    }

    [GeneratedRegex("--mud-typography-([a-z0-9]+)-family:\\s*([^;]+);")]
    private static partial Regex FamilyVariable();
}
