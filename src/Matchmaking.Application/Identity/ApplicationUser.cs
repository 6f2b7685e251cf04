using Microsoft.AspNetCore.Identity;

namespace Matchmaking.Application.Identity;

public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? OrganizationId { get; set; }
    public Organizations.Organization? Organization { get; set; }
}
