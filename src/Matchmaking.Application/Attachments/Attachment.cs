using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Matchmaking.Application.Attachments;

/// <summary>What a file is attached to; who may read it follows from the owner (see <see cref="AttachmentService"/>).</summary>
public enum AttachmentOwnerKind
{
    /// <summary>Part of a bid: readable as the bid content itself (authors, poster after the deadline, admins).</summary>
    Bid = 1,
    /// <summary>Evidence for a milestone of awarded work: poster organisation, selected bidders, admins.</summary>
    MilestoneEvidence = 2,
}

/// <summary>One uploaded file. The bytes live under <c>&lt;DataDir&gt;/attachments/</c>; the row is written only after
/// the file is complete, so a row never points to a missing file.</summary>
public class Attachment
{
    public long Id { get; set; }
    public AttachmentOwnerKind OwnerKind { get; set; }
    public int OwnerId { get; set; }
    public int ChallengeId { get; set; }
    public string OriginalName { get; set; } = "";
    /// <summary>From the content (magic bytes, zip structure), never from the name the browser sent.</summary>
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    /// <summary>Lower-case hex SHA-256 of the bytes; part of a bid's receipt.</summary>
    public string Sha256 { get; set; } = "";
    /// <summary>Relative to the attachments folder, with '/' separators.</summary>
    public string StoredPath { get; set; } = "";
    public string UploadedByUserId { get; set; } = "";
    public DateTime UploadedAtUtc { get; set; }

    public const int MaxName = 200;
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.Property(a => a.OriginalName).HasMaxLength(Attachment.MaxName);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.Property(a => a.StoredPath).HasMaxLength(300);
        b.HasIndex(a => new { a.OwnerKind, a.OwnerId });
        b.HasIndex(a => a.StoredPath).IsUnique();
        b.HasOne<Challenges.Challenge>().WithMany().HasForeignKey(a => a.ChallengeId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The "Matchmaking:Attachments" section.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Matchmaking:Attachments";

    /// <summary>Folder holding the files; set by the host to &lt;DataDir&gt;/attachments.</summary>
    public string Root { get; set; } = "";
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
    public int MaxPerOwner { get; set; } = 10;
}
