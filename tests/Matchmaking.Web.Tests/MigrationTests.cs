using Matchmaking.Application.Data;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Web.Tests;

public class MigrationTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Model_HasNoPendingChanges()
    {
        await using var db = await app.DbAsync();
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run dotnet ef migrations add");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Database_IsSqliteInWalMode_InTheConfiguredDataDir()
    {
        await using var db = await app.DbAsync();
        Assert.True(File.Exists(Path.Combine(app.DataDir, DataSetup.DatabaseFileName)));
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ReceiptCheck_LooksBidsUpByIndex()
    {
        // Anyone may check a receipt: the lookup by digest must not scan every bid.
        await using var db = await app.DbAsync();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + db.Bids.Where(b => b.ReceiptDigest == "x").Select(b => new { b.Id, b.ChallengeId, b.ReceiptAtUtc }).ToQueryString();
        var plan = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }
        Assert.Contains(plan, step => step.Contains("INDEX IX_Bids_ReceiptDigest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasskeyTable_Exists() // .NET 10 Identity schema Version3
    {
        await using var db = await app.DbAsync();
        Assert.Equal(0, await db.UserPasskeys.CountAsync());
    }
}
