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

    /// <summary>No emoji in the UI's own text: the Linux desktops the portal is used on (and CI) have no emoji font, so
    /// one showed as an empty box (the bid count's 📨 on the home page). Material icons or words instead.</summary>
    [Fact]
    public void UiText_UsesNoEmoji()
    {
        var web = Path.Combine(Matchmaking.Tests.Repo.Root, "src", "Matchmaking.Web");
        var emoji = new Regex(@"[\u2600-\u27BF]|\uD83C[\uDF00-\uDFFF]|\uD83D[\uDC00-\uDEFF]|\uD83E[\uDD00-\uDEFF]");
        var found = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".resx", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => emoji.IsMatch(x.line) && !x.line.Contains('✓'))
            .Select(x => $"{Path.GetRelativePath(web, x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [GeneratedRegex("--mud-typography-([a-z0-9]+)-family:\\s*([^;]+);")]
    private static partial Regex FamilyVariable();
}
