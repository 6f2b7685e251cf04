using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaking.Migrations;

/// <summary>Lets `dotnet ef` build the same model as the app. Identity reads its schema version
/// (Version3, with passkeys) from the application's services, so they are configured here the same way.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var services = new ServiceCollection();
        services.AddIdentityCore<ApplicationUser>(DataSetup.ConfigureIdentityStore);
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseApplicationServiceProvider(services.BuildServiceProvider());
        DataSetup.Configure(options, Path.Combine(Path.GetTempPath(), "matchmaking-design"));
        return new AppDbContext(options.Options);
    }
}
