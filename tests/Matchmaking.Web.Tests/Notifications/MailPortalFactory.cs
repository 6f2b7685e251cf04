using Matchmaking.Web.Infrastructure;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Matchmaking.Web.Tests.Notifications;

/// <summary>The portal with SMTP pointed at an in-test <see cref="SmtpListener"/> and the background worker removed,
/// so each test drives the outbox steps itself against the moving clock.</summary>
public sealed class MailPortalFactory : PortalFactory
{
    public SmtpListener Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraConfig =>
    [
        new("Matchmaking:Smtp:Host", "127.0.0.1"),
        new("Matchmaking:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Matchmaking:Smtp:Security", "None"),
        new("Matchmaking:Smtp:From", "portal@test.local"),
        new("Matchmaking:Smtp:TimeoutSeconds", "10"),
        new("Matchmaking:Mail:MaxAttempts", "3"),
        new("Matchmaking:Mail:RetryBaseDelay", "00:01:00"),
        new("Matchmaking:Mail:PublicBaseUrl", "https://portal.test"),
        new("Matchmaking:Bids:MaxActivePerOrganization", "2"),
        new("Matchmaking:Bids:MaxPartners", "2"),
        new("Matchmaking:Attachments:MaxBytes", "65536"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            foreach (var d in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(NotificationWorker)).ToList())
                services.Remove(d);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
