using Matchmaking.Application.Challenges;
using Microsoft.Extensions.Options;

namespace Matchmaking.Web.Infrastructure;

/// <summary>Closes bidding on challenges whose deadline passed, whether or not anyone opens a page.</summary>
public sealed class DeadlineCloser(ChallengeService challenges, IOptions<PortalOptions> options, ILogger<DeadlineCloser> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineSweepInterval);
        do
        {
            try
            {
                var closed = await challenges.CloseDueAsync(stoppingToken);
                if (closed > 0) log.LogInformation("Closed bidding on {Count} challenge(s) past their deadline", closed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Deadline sweep failed; retrying at the next tick");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
