using Matchmaking.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddMatchmakingPortal();

var app = builder.Build();
await app.PrepareDataAsync();
app.UseMatchmakingPortal();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
