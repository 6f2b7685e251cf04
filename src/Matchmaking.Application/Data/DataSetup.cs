using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;

namespace Matchmaking.Application.Data;

public static class DataSetup
{
    public const string MigrationsAssembly = "Matchmaking.Migrations";
    public const string DatabaseFileName = "matchmaking.db";

    public static string ConnectionString(string dataDir) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDir, DatabaseFileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        DefaultTimeout = 30, // seconds to wait on a lock before "database is locked"
        Pooling = true,
    }.ToString();

    /// <summary>Identity's store options; the app, the CLI and the design-time factory must agree on them
    /// or migrations miss tables (the .NET 10 schema has a passkeys table).</summary>
    public static void ConfigureIdentityStore(Microsoft.AspNetCore.Identity.IdentityOptions o) =>
        o.Stores.SchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3;

    public static void Configure(DbContextOptionsBuilder options, string dataDir)
    {
        Directory.CreateDirectory(dataDir); // SQLite cannot create the folder: "unable to open database file"
        options.UseSqlite(ConnectionString(dataDir), sqlite => sqlite.MigrationsAssembly(MigrationsAssembly))
            .AddInterceptors(SqlitePragmas.Instance);
    }

    /// <summary>Registers a context factory (one short-lived context per operation) and a scoped context.</summary>
    /// <param name="dataDir">Read when the first context is made, so configuration added late (tests, hosts) is honoured.</param>
    public static IServiceCollection AddMatchmakingData(this IServiceCollection services, Func<IServiceProvider, string> dataDir)
    {
        services.AddDbContextFactory<AppDbContext>((sp, o) => Configure(o, dataDir(sp)), ServiceLifetime.Singleton);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return services;
    }
}

/// <summary>WAL lets readers run beside the one writer; foreign keys are off by default in SQLite;
/// synchronous=NORMAL is durable in WAL mode except against power loss of the last transaction.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        cmd.ExecuteNonQuery();
    }
}
