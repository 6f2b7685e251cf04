using System.Globalization;
using Matchmaking.Application.Auditing;
using Matchmaking.Application.Awards;
using Matchmaking.Application.Delivery;
using Matchmaking.Application.Reviews;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Data;
using Matchmaking.Application.DemandLists;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Matching;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Search;
using Matchmaking.Application.Seeding;
using Matchmaking.Application.Common;
using Matchmaking.Application.Taxonomy;
using Matchmaking.Core.Matching;
using Matchmaking.Web.Api;
using Matchmaking.Web.Components;
using Matchmaking.Web.Components.Account;
using Matchmaking.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Matchmaking.Web;

/// <summary>The composition root, split out of Program.cs so that the tests host the same app.</summary>
public static class PortalSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddMatchmakingPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        // A relative data folder is relative to the app's content root (the project folder under `dotnet run`,
        // the app folder when published), not to wherever the process happened to be started.
        var contentRoot = builder.Environment.ContentRootPath;
        services.PostConfigure<PortalOptions>(o => o.DataDir = Path.GetFullPath(o.DataDir, contentRoot));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddOpenApi();
        services.AddMudServices();
        services.AddLocalization();
        services.AddSingleton(TimeProvider.System);

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentActor>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.Enterprise, p => p.RequireRole(Roles.Enterprise, Roles.Admin))
            .AddPolicy(Roles.Researcher, p => p.RequireRole(Roles.Researcher));

        services.AddMatchmakingData(sp => sp.GetRequiredService<IOptions<PortalOptions>>().Value.ResolvedDataDir);
        services.AddDatabaseDeveloperPageExceptionFilter();
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                DataSetup.ConfigureIdentityStore(o);
                o.SignIn.RequireConfirmedAccount = false; // no mail server by default; admins verify organisations instead
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();

        services.AddSingleton<ChallengeService>();
        services.AddSingleton<BidService>();
        services.AddSingleton<ProfileService>();
        services.AddSingleton<OrganizationService>();
        services.AddSingleton<TaxonomyService>();
        services.AddSingleton<AuditService>();
        services.AddHostedService<DeadlineCloser>();
        services.AddNotificationsAndAttachments(builder.Configuration);

        // Review, award (公示) and delivery: numbers from "Matchmaking:Award"; a sweep finalises awards and reminds milestones.
        services.Configure<AwardOptions>(builder.Configuration.GetSection(AwardOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AwardOptions>>().Value);
        services.AddSingleton<ReviewService>();
        services.AddScoped<ReviewerAccounts>();
        services.AddSingleton<AwardService>();
        services.AddSingleton<DeliveryService>();
        services.AddHostedService<AwardSweeper>();

        services.AddSingleton<IndexSignal>();
        services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<IndexSignal>());
        services.AddSingleton(sp => new SearchIndexer(sp.GetRequiredService<IDbContextFactory<AppDbContext>>(),
            Path.Combine(sp.GetRequiredService<IOptions<PortalOptions>>().Value.ResolvedDataDir, "index"),
            sp.GetRequiredService<ILogger<SearchIndexer>>()));
        services.AddSingleton<SearchService>();
        services.AddHostedService<IndexSyncWorker>();

        // Matching weights from the "Matching" section; absent keys keep MatchWeights' own (tuned) defaults.
        services.Configure<MatchWeights>(builder.Configuration.GetSection("Matching"));
        services.AddSingleton(sp => new MatchingService(sp.GetRequiredService<IDbContextFactory<AppDbContext>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ProfileService>(),
            sp.GetRequiredService<IOptions<MatchWeights>>().Value, sp.GetRequiredService<ILogger<MatchingService>>()));

        // Demand lists (需求清单): coverage threshold and province from the "DemandLists" section.
        services.Configure<DemandListOptions>(builder.Configuration.GetSection(DemandListOptions.Section));
        services.AddSingleton(sp => new DemandListService(sp.GetRequiredService<IDbContextFactory<AppDbContext>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<MatchingService>(), sp.GetRequiredService<IOptions<DemandListOptions>>().Value));
        return builder;
    }

    /// <summary>Applies migrations, ensures roles, the configured admin accounts and the reference taxonomy,
    /// and in demo mode seeds demo content into an empty database.</summary>
    public static async Task PrepareDataAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();

        var roleManager = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roleManager.RoleExistsAsync(role))
                await roleManager.CreateAsync(new IdentityRole(role));

        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var admin in options.Admins.Where(a => !string.IsNullOrWhiteSpace(a.Email)))
            await EnsureAdminAsync(users, admin, app.Logger);

        await ReferenceData.SeedAsync(db);
        if (options.Demo && await DemoData.SeedAsync(db, users, sp.GetRequiredService<TimeProvider>()))
            app.Logger.LogInformation("Seeded demo data into {Dir}", options.ResolvedDataDir);
        if (options.Demo && await DemoNotifications.SeedAsync(db, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Matchmaking.Application.Attachments.AttachmentService>().Options.Root))
            app.Logger.LogInformation("Seeded demo notifications, a consortium bid, attachments and receipts");
        if (options.Demo && await DemoDemandList.SeedAsync(db, sp.GetRequiredService<TimeProvider>()))
            app.Logger.LogInformation("Seeded a demo demand list");

        // Checked against the database (count, change watermark) and repaired before the first request.
        await app.Services.GetRequiredService<SearchIndexer>().OpenAsync();
        // The matching indexes are in memory: built here from the database, then kept in step by a version check per use.
        await app.Services.GetRequiredService<MatchingService>().RefreshAsync();
    }

    private static async Task EnsureAdminAsync(UserManager<ApplicationUser> users, AdminAccount admin, ILogger log)
    {
        var user = await users.FindByEmailAsync(admin.Email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = admin.Email, Email = admin.Email, EmailConfirmed = true, DisplayName = admin.DisplayName };
            var created = await users.CreateAsync(user, admin.Password);
            if (!created.Succeeded)
            {
                log.LogError("Could not create admin {Email}: {Errors}", admin.Email, string.Join("; ", created.Errors.Select(e => e.Description)));
                return;
            }
        }
        if (!await users.IsInRoleAsync(user, Roles.Admin)) await users.AddToRoleAsync(user, Roles.Admin);
    }

    public static WebApplication UseMatchmakingPortal(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()) app.UseMigrationsEndPoint();
        else app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Chinese first: only an explicit choice (cookie or ?culture=) switches to English, not the browser's language.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapOpenApi();
        app.MapSearchApi();
        app.MapMatchApi();
        app.MapDemandListApi();
        app.MapAttachmentApi();
        app.MapGet("/culture", (string c, string? redirect, HttpContext http) =>
        {
            var culture = Cultures.FirstOrDefault(x => x.Name.Equals(c, StringComparison.OrdinalIgnoreCase)) ?? Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(redirect is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//") ? r : "/");
        });
        return app;
    }
}
