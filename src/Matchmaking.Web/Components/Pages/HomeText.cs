namespace Matchmaking.Web.Components.Pages;

public sealed class HomeText;
