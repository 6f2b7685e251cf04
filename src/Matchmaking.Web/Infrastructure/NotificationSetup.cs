using Matchmaking.Application.Attachments;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Dashboards;
using Matchmaking.Application.Notifications;
using Microsoft.Extensions.Options;

namespace Matchmaking.Web.Infrastructure;

/// <summary>Registrations for notifications (bell, e-mail outbox, SMTP), attachments, bid eligibility options and
/// dashboards; called from <see cref="PortalSetup"/>.</summary>
public static class NotificationSetup
{
    public static IServiceCollection AddNotificationsAndAttachments(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<BidOptions>(config.GetSection(BidOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BidOptions>>().Value);

        services.Configure<SmtpOptions>(config.GetSection(SmtpOptions.Section));
        services.Configure<MailOptions>(config.GetSection(MailOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value);
        services.AddSingleton(sp => new SmtpMailSender(sp.GetRequiredService<IOptions<SmtpOptions>>().Value));
        services.AddSingleton<NotificationService>();
        services.AddScoped<Components.Pages.Notifications.NotificationSignal>();
        services.AddSingleton<MailOutbox>();
        services.AddSingleton<NotificationSweeps>();
        services.AddHostedService<NotificationWorker>();

        services.Configure<AttachmentOptions>(config.GetSection(AttachmentOptions.Section));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AttachmentOptions>>().Value;
            var root = string.IsNullOrWhiteSpace(o.Root)
                ? Path.Combine(sp.GetRequiredService<IOptions<PortalOptions>>().Value.ResolvedDataDir, "attachments")
                : Path.GetFullPath(o.Root);
            return new AttachmentService(sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Application.Data.AppDbContext>>(),
                sp.GetRequiredService<TimeProvider>(), new AttachmentOptions { Root = root, MaxBytes = o.MaxBytes, MaxPerOwner = o.MaxPerOwner });
        });
        services.AddSingleton<DashboardService>();
        return services;
    }
}

/// <summary>Runs the notification sweeps (deadline in 3 days, newly published matching challenges), and — when SMTP
/// is configured — fills the e-mail outbox, queues daily digests and sends what is due; hourly it removes orphaned
/// attachment files.</summary>
public sealed class NotificationWorker(NotificationSweeps sweeps, MailOutbox outbox, SmtpMailSender smtp, AttachmentService attachments,
    MailOptions options, ILogger<NotificationWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval);
        var lastCleanup = DateTime.MinValue;
        do
        {
            await RunOnceAsync(stoppingToken);
            if (DateTime.UtcNow - lastCleanup > TimeSpan.FromHours(1))
            {
                lastCleanup = DateTime.UtcNow;
                await Guard("attachment cleanup", () => attachments.CleanOrphansAsync(TimeSpan.FromHours(1), stoppingToken));
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await Guard("deadline sweep", () => sweeps.DeadlineSoonAsync(ct));
        await Guard("matching sweep", () => sweeps.NewMatchesAsync(ct));
        if (!smtp.IsConfigured) return; // e-mail is off: notifications stay in-app only
        await Guard("outbox", () => outbox.QueueAsync(ct));
        await Guard("digest", () => outbox.QueueDigestsAsync(ct));
        await Guard("send", () => outbox.SendDueAsync(smtp, ct));
    }

    private async Task Guard<T>(string what, Func<Task<T>> step)
    {
        try { await step(); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Notification worker: {Step} failed; retrying at the next tick", what);
        }
    }
}
