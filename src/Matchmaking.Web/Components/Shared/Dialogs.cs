using Microsoft.Extensions.Localization;
using Matchmaking.Web.Localization;
using MudBlazor;

namespace Matchmaking.Web.Components.Shared;

public static class Dialogs
{
    /// <summary>A yes/no confirmation before a destructive or irreversible action.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, IStringLocalizer<Text> l, string message, string? confirmText = null)
    {
        var result = await dialogs.ShowMessageBoxAsync(l["Common.ConfirmTitle"], message,
            yesText: confirmText ?? l["Common.Confirm"], cancelText: l["Common.Cancel"]);
        return result == true;
    }

    /// <summary>Asks for a required reason; null when the person cancelled.</summary>
    public static async Task<string?> AskReasonAsync(this IDialogService dialogs, string title, string? message, string confirmText)
    {
        var parameters = new DialogParameters<ReasonDialog>
        {
            { x => x.Title, title }, { x => x.Message, message }, { x => x.ConfirmText, confirmText },
        };
        var dialog = await dialogs.ShowAsync<ReasonDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string reason } ? reason : null;
    }
}
