namespace Matchmaking.Application.Search;

/// <summary>A committed change the search index has not yet applied. Written by <c>AppDbContext.SaveChanges</c>
/// in the same transaction as the change itself, so a crash between the database commit and the index update
/// loses nothing: the entry is still here at the next start. Its Id orders the changes and is the watermark
/// the index stores once it has applied them.</summary>
public class IndexOutboxEntry
{
    public long Id { get; set; }
    public int? ChallengeId { get; set; }
    public Challenges.Challenge? Challenge { get; set; }
    public int? ProfileId { get; set; }
    public Profiles.CapabilityProfile? Profile { get; set; }
    public DateTime AtUtc { get; set; }
}
