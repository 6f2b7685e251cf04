using Matchmaking.Application.Common;
using Matchmaking.Application.Search;

namespace Matchmaking.Web.Infrastructure;

/// <summary>Wakes the index sync after committed changes (and every few seconds anyway, in case a signal
/// was missed or a change came from another process such as the command-line tool).</summary>
public sealed class IndexSignal : IChangeFeed
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private volatile bool _vocabularyChanged;

    public void ChallengeChanged(int challengeId) => Wake();
    public void ProfileChanged(int profileId) => Wake();
    public void VocabularyChanged() { _vocabularyChanged = true; Wake(); }

    public bool TakeVocabularyChange()
    {
        var changed = _vocabularyChanged;
        _vocabularyChanged = false;
        return changed;
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _changed.WaitAsync(timeout, ct);

    private void Wake()
    {
        try { _changed.Release(); } catch (SemaphoreFullException) { } // already signalled
    }
}

public sealed class IndexSyncWorker(SearchIndexer indexer, IndexSignal signal, ILogger<IndexSyncWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
                if (!indexer.IsOpen) continue;
                if (signal.TakeVocabularyChange()) await indexer.ReloadSynonymsAsync(stoppingToken);
                await indexer.ProcessOutboxAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                log.LogError(ex, "Index sync failed; the outbox keeps the changes and the next round retries");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
