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
    public async Task PasskeyTable_Exists() // .NET 10 Identity schema Version3
    {
        await using var db = await app.DbAsync();
        Assert.Equal(0, await db.UserPasskeys.CountAsync());
    }
}
