using Matchmaking.Application.Common;
using Microsoft.Extensions.Localization;

namespace Matchmaking.Web.Components.Pages.Notifications;

/// <summary>Marker for the notification, consortium, receipt and attachment strings (NotificationText.resx Chinese,
/// NotificationText.en.resx English).</summary>
public sealed class NotificationText
{
    /// <summary>A refusal in the reader's language: Chinese readers get the service's message (it names the
    /// organisation, the limit…); others the English text for its code when there is one.</summary>
    public static string Refusal(IStringLocalizer<NotificationText> t, DomainException ex)
    {
        if (System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase)) return ex.Message;
        var s = t["Refusal." + ex.Code];
        return s.ResourceNotFound ? ex.Message : s.Value;
    }
}

/// <summary>Per-circuit signal so that the bell refreshes at once when a page marks notifications read.</summary>
public sealed class NotificationSignal
{
    public event Action? Changed;
    public void Raise() => Changed?.Invoke();
}
