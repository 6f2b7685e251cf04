using Matchmaking.Application.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace Matchmaking.Web.Infrastructure;

/// <summary>The signed-in person as an <see cref="Actor"/>, for the services a component calls.</summary>
public sealed class CurrentActor(AuthenticationStateProvider auth)
{
    public async Task<Actor> GetAsync() => (await auth.GetAuthenticationStateAsync()).User.ToActor();
}
