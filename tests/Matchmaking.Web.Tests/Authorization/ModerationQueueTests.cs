using System.Diagnostics;
using System.Runtime.CompilerServices;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Web.Tests.Infrastructure;

namespace Matchmaking.Web.Tests.Authorization;

/// <summary>The moderation queue: what a moderator reads before deciding, page by page, in a number of database
/// queries that does not grow with the page (it had taken four per challenge).</summary>
public class ModerationQueueTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private ChallengeService Challenges => app.Get<ChallengeService>();

    [Fact]
    public async Task Queue_pages_hold_every_pending_challenge_with_its_details_in_deadline_order()
    {
        var verified = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var unverified = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise, verified: false);
        var pending = new List<int>();
        for (var i = 0; i < 23; i++)
        {
            var poster = i % 3 == 0 ? unverified : verified;
            var id = await Challenges.CreateAsync(poster, await app.ContentAsync(deadlineDays: 40 - i) with { Title = $"待审榜单{i}" });
            await Challenges.SubmitForReviewAsync(poster, id);
            pending.Add(id);
        }
        await app.PublishedChallengeAsync(verified); // not in the queue
        await Challenges.CreateAsync(verified, await app.ContentAsync()); // a draft, not in the queue
        var admin = await app.AdminAsync();

        var (first, firstQueries) = await CountingQueries(() => Challenges.ModerationQueueAsync(admin, 1, 20));
        var (second, secondQueries) = await CountingQueries(() => Challenges.ModerationQueueAsync(admin, 2, 20));

        Assert.Equal(23, first.Total);
        Assert.Equal(20, first.Items.Count);
        Assert.Equal(3, second.Items.Count);
        var all = first.Items.Concat(second.Items).ToList();
        Assert.Equal(pending.Order(), all.Select(d => d.Challenge.Id).Order());
        Assert.Equal(all.Select(d => d.Challenge.BidDeadlineUtc).Order(), all.Select(d => d.Challenge.BidDeadlineUtc));
        await using var db = await app.DbAsync();
        foreach (var d in all)
        {
            var org = await db.Organizations.FindAsync(d.Challenge.PosterOrganizationId);
            Assert.Equal(org!.Name, d.PosterName);
            Assert.Equal(org.IsVerified, d.PosterVerified);
            Assert.Equal("测试产业链", d.ChainName);
            Assert.Equal("核心部件", d.NodeName);
            Assert.NotNull(d.Challenge.SubmittedAtUtc);
            Assert.NotEmpty(d.Challenge.Targets);
        }
        Assert.Contains(all, d => !d.PosterVerified);
        // Twenty challenges cost no more queries than three.
        Assert.True(firstQueries > 0, "no query counted");
        Assert.Equal(secondQueries, firstQueries);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Challenges.ModerationQueueAsync(verified));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Challenges.ModerationQueueAsync(Actor.Anonymous));
    }

    private static readonly AsyncLocal<StrongBox<int>?> Counter = new();

    /// <summary>One subscription for the process: EF's listener is subscribed to once, and counts only for a call
    /// that set <see cref="Counter"/>.</summary>
    private static readonly Lazy<IDisposable> Subscription = new(() => DiagnosticListener.AllListeners.Subscribe(new ListenerObserver()));

    /// <summary>Counts the SQL commands EF runs for this call only (other tests run in parallel in the same process).</summary>
    private static async Task<(T Result, int Queries)> CountingQueries<T>(Func<Task<T>> call)
    {
        _ = Subscription.Value;
        var box = new StrongBox<int>();
        Counter.Value = box;
        try { return (await call(), box.Value); }
        finally { Counter.Value = null; }
    }

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.EntityFrameworkCore") listener.Subscribe(new CommandObserver());
        }
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private sealed class CommandObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted" && Counter.Value is { } box)
                Interlocked.Increment(ref box.Value);
        }
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
