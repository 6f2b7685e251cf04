namespace Matchmaking.Web.Components.Account;

/// <summary>Strings of the Identity pages (AccountText.resx Chinese, AccountText.en.resx English).</summary>
public sealed class AccountText;
