using MudBlazor;

namespace Matchmaking.Web.Components.Layout;

public static class PortalTheme
{
    /// <summary>
    /// Chinese fonts first. "Temperature Signs" (wwwroot/app.css) draws only ℃ and ℉, which WenQuanYi Micro Hei maps to
    /// an empty glyph; every text style gets the list, since MudBlazor's headings, body and captions each have their own.
    /// Names go in unquoted: MudBlazor quotes them itself (quoted here they became '"PingFang SC"' and matched no font).
    /// </summary>
    internal static readonly string[] Fonts =
        ["PingFang SC", "Microsoft YaHei", "Temperature Signs", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Roboto", "sans-serif"];

    public static readonly MudTheme Theme = Create();

    private static MudTheme Create()
    {
        var theme = new MudTheme
        {
            PaletteLight = new PaletteLight
            {
                Primary = "#1f3f86",
                Secondary = "#c0392b",
                Tertiary = "#d4a017",
                AppbarBackground = "#1f3f86",
                Background = "#f5f6fa",
            },
        };
        var t = theme.Typography;
        foreach (BaseTypography style in new BaseTypography[] { t.Default, t.H1, t.H2, t.H3, t.H4, t.H5, t.H6, t.Subtitle1, t.Subtitle2, t.Body1, t.Body2, t.Button, t.Caption, t.Overline })
        {
            style.FontFamily = Fonts;
        }
        return theme;
    }
}
