using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Matchmaking.Application.Bids;

internal sealed class BidPartnerConfiguration : IEntityTypeConfiguration<BidPartner>
{
    public void Configure(EntityTypeBuilder<BidPartner> b)
    {
        b.HasOne<Bid>().WithMany(x => x.Partners).HasForeignKey(p => p.BidId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.BidId, p.OrganizationId }).IsUnique();
        b.HasIndex(p => new { p.OrganizationId, p.State });
    }
}
