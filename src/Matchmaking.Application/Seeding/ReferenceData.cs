using Matchmaking.Application.Data;
namespace Matchmaking.Application.Seeding;
public static class ReferenceData { public static Task SeedAsync(AppDbContext db, CancellationToken ct = default) => Task.CompletedTask; }
