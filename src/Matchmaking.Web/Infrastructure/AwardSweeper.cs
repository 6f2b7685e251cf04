using Matchmaking.Application.Awards;
using Matchmaking.Application.Delivery;
using Microsoft.Extensions.Options;

namespace Matchmaking.Web.Infrastructure;

/// <summary>Makes awards final when their 公示 ends (all objections answered) and reminds teams of milestones
/// falling due, whether or not anyone opens a page. Same cadence as the deadline sweep.</summary>
public sealed class AwardSweeper(AwardService awards, DeliveryService delivery, IOptions<PortalOptions> options, ILogger<AwardSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineSweepInterval);
        do
        {
            try
            {
                var finalized = await awards.FinalizeDueAsync(stoppingToken);
                if (finalized > 0) log.LogInformation("Finalised {Count} award(s) whose publicity period ended", finalized);
                await delivery.RemindDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Award sweep failed; retrying at the next tick");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
