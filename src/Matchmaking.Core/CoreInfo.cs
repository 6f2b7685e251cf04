namespace Matchmaking.Core;

/// <summary>Placeholder until the search core lands.</summary>
internal static class CoreInfo
{
    public const string LuceneVersion = "4.8";
}
