using Matchmaking.Application.Awards;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Delivery;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Matchmaking.Application.Data;

// Review, award (公示, objections) and delivery: the lifecycle of a challenge after its deadline.

internal sealed class RubricConfiguration : IEntityTypeConfiguration<Rubric>
{
    public void Configure(EntityTypeBuilder<Rubric> b)
    {
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<Challenge>().WithMany().HasForeignKey(r => r.ChallengeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.ChallengeId).IsUnique();
        b.OwnsMany(r => r.Criteria, c => c.ToJson());
    }
}

internal sealed class ReviewAssignmentConfiguration : IEntityTypeConfiguration<ReviewAssignment>
{
    public void Configure(EntityTypeBuilder<ReviewAssignment> b)
    {
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Property(a => a.ConflictNote).HasMaxLength(ReviewAssignment.MaxNote);
        b.HasOne<Challenge>().WithMany().HasForeignKey(a => a.ChallengeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.ReviewerUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.ChallengeId, a.ReviewerUserId }).IsUnique();
        b.HasIndex(a => a.ReviewerUserId);
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Property(r => r.Comment).HasMaxLength(Review.MaxComment);
        b.HasOne<ReviewAssignment>().WithMany().HasForeignKey(r => r.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Bid>().WithMany().HasForeignKey(r => r.BidId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.AssignmentId, r.BidId }).IsUnique();
        b.HasIndex(r => r.ChallengeId);
        b.OwnsMany(r => r.Scores, s => s.ToJson());
    }
}

internal sealed class AwardConfiguration : IEntityTypeConfiguration<Award>
{
    public void Configure(EntityTypeBuilder<Award> b)
    {
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Challenge).WithMany().HasForeignKey(a => a.ChallengeId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Objections).WithOne(o => o.Award).HasForeignKey(o => o.AwardId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(a => a.IsInPublicity);
        b.Ignore(a => a.OpenObjections);
        // At most one standing (not revoked) award per challenge.
        b.HasIndex(a => a.ChallengeId).IsUnique().HasFilter($"\"Status\" <> {(int)AwardStatus.Revoked}");
        b.HasIndex(a => new { a.Status, a.PublicityEndsAtUtc });
    }
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> b)
    {
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Property(o => o.Text).HasMaxLength(Objection.MaxText);
        b.Property(o => o.AnswerText).HasMaxLength(Objection.MaxText);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(o => o.ByUserId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(o => o.IsOpen);
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Property(m => m.Title).HasMaxLength(Milestone.MaxTitle);
        b.Property(m => m.EvidenceNote).HasMaxLength(Milestone.MaxText);
        b.Property(m => m.DecisionComment).HasMaxLength(Milestone.MaxText);
        b.HasOne<Challenge>().WithMany().HasForeignKey(m => m.ChallengeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Bid>().WithMany().HasForeignKey(m => m.BidId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.BidId, m.Sequence }).IsUnique();
        b.HasIndex(m => new { m.ChallengeId, m.Status });
        b.HasIndex(m => new { m.Status, m.DueUtc });
        b.Ignore(m => m.IsOpen);
    }
}
