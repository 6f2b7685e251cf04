using MudBlazor;

namespace Matchmaking.Web.Components.Layout;

public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f3f86",
            Secondary = "#c0392b",
            Tertiary = "#d4a017",
            AppbarBackground = "#1f3f86",
            Background = "#f5f6fa",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["\"PingFang SC\"", "\"Microsoft YaHei\"", "\"Temperature Signs\"", "\"WenQuanYi Micro Hei\"", "\"Noto Sans CJK SC\"", "Roboto", "sans-serif"],
            },
        },
    };
}
