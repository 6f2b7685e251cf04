
namespace Matchmaking.Web.Components.Pages.Notifications;

/// <summary>Marker for the notification, consortium, receipt and attachment strings (NotificationText.resx Chinese,
/// NotificationText.en.resx English).</summary>
public sealed class NotificationText
{}

/// <summary>Per-circuit signal so that the bell refreshes at once when a page marks notifications read.</summary>
public sealed class NotificationSignal
{
    public event Action? Changed;
    public void Raise() => Changed?.Invoke();
}
