using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Matchmaking.Web.Tests.Components;

/// <summary>A bUnit context set up the way MudBlazor forms need it (services, loose JS, interactive server renderer).</summary>
internal static class FormTestContext
{
    public static BunitContext Create() => Create(out _);

    /// <summary>Also hands back the popover provider, where MudSelect and MudAutocomplete render their lists.</summary>
    public static BunitContext Create(out IRenderedComponent<MudPopoverProvider> popovers)
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Renderer.SetRendererInfo(new RendererInfo("Server", true));
        popovers = ctx.Render<MudPopoverProvider>();
        return ctx;
    }
}

/// <summary>A clock standing still, so that "deadline in the future" is deterministic.</summary>
internal sealed class FixedClock(DateTime utcNow) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc));
}
