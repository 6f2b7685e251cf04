using Matchmaking.Application.Bids;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Awards;

/// <summary>Who is told about a step of the award process.</summary>
internal static class Recipients
{
    public static Task<List<string>> PosterOrganizationAsync(AppDbContext db, int organizationId, CancellationToken ct) =>
        db.Users.Where(u => u.OrganizationId == organizationId).Select(u => u.Id).ToListAsync(ct);

    public static Task<List<string>> AdminsAsync(AppDbContext db, CancellationToken ct) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Roles.Admin
         select ur.UserId).ToListAsync(ct);

    /// <summary>The people of a bid's team: its author (consortium partners join here later).</summary>
    public static IEnumerable<string> Team(Bid bid) => [bid.CreatedByUserId];
}
