namespace Matchmaking.Application.Common;

/// <summary>Told after a change is committed to the database (never before), so that derived state such as
/// the search indexes can follow. Implementations must not throw.</summary>
public interface IChangeFeed
{
    void ChallengeChanged(int challengeId);
    void ProfileChanged(int profileId);
    void VocabularyChanged();
}
