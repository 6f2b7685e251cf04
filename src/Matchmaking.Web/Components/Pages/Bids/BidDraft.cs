using Matchmaking.Application.Bids;

namespace Matchmaking.Web.Components.Pages.Bids;

/// <summary>What the bid form hands to its page: the content and (when creating) the bidding team.</summary>
public sealed record BidDraft(BidContent Content, int? ProfileId);

/// <summary>A team the researcher may bid with.</summary>
public sealed record BidTeamOption(int Id, string Name);
