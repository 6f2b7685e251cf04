using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Microsoft.AspNetCore.Identity;
namespace Matchmaking.Application.Seeding;
public static class DemoData
{
    public const string Password = "Demo@12345";
    public static IReadOnlyList<(string Email, string Role, string Description)> Accounts { get; } = [];
    public static Task<bool> SeedAsync(AppDbContext db, UserManager<ApplicationUser> users, TimeProvider clock, CancellationToken ct = default) => Task.FromResult(false);
}
