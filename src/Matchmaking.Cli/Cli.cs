using System.Globalization;
using Matchmaking.Application.Data;
using Matchmaking.Application.DemandLists;
using Matchmaking.Application.Exchange;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Matching;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Search;
using Matchmaking.Application.Seeding;
using Matchmaking.Core.Search;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaking.Cli;

/// <summary>The command-line host: the same services as the portal over the same data directory.
/// Exit codes: 0 success, 1 the work failed (e.g. an import with errors), 2 usage.</summary>
public static class Cli
{
    public const string Usage = """
        usage: matchmaking [--data DIR] <verb> …
          import profiles FILE            import capability profiles (JSON Lines); all or nothing
          import challenges FILE          import challenges (JSON Lines, or .xlsx by its extension); all or nothing;
                                          the poster organisation must exist; state as given, default Published
          search TEXT [--kind challenges|profiles] [--top N]   JSON Lines of hits to stdout
          match --demands FILE [--top N]  match demands (JSON Lines, exchange format) against all stored
                                          profiles; one line per demand to stdout: {"demandId","matches":
                                          [{"capabilityId","score","reasons"}]}; N defaults to 10, at most 1000;
                                          a bad line fails the whole file (exit 1, nothing written)
          index rebuild                   rebuild both search indexes from the database
          index status                    documents, rows, watermark and pending changes per index
        --data DIR defaults to $Matchmaking__DataDir, else the portal's own folder src/Matchmaking.Web/data
        when run from the repository, else ./data.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var list = args.ToList();
        var dataDir = Take(list, "--data") ?? Environment.GetEnvironmentVariable("Matchmaking__DataDir") ?? DefaultDataDir();
        if (list.Count == 0 || list[0] is "-h" or "--help") { stderr.WriteLine(Usage); return list.Count == 0 ? 2 : 0; }

        await using var services = Build(Path.GetFullPath(dataDir));
        try
        {
            await using (var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
                await ReferenceData.SeedAsync(db); // the taxonomy imports resolve chains, nodes, fields and skills against, as the portal does
            }
            return (list[0], list.ElementAtOrDefault(1)) switch
            {
                ("import", "profiles") when list.Count == 3 => await ImportProfilesAsync(services, list[2], stdout, stderr),
                ("import", "challenges") when list.Count == 3 => await ImportChallengesAsync(services, list[2], stdout),
                ("search", _) when list.Count >= 2 => await SearchAsync(services, list, stdout, stderr),
                ("match", _) => await MatchAsync(services, list, stdout, stderr),
                ("index", "rebuild") => await RebuildAsync(services, stdout),
                ("index", "status") => await StatusAsync(services, stdout),
                _ => UsageError(stderr),
            };
        }
        catch (ImportFailedException ex)
        {
            foreach (var e in ex.Errors) stderr.WriteLine(e);
            stderr.WriteLine($"导入失败，未导入任何记录 (import failed, nothing imported): {ex.Errors.Count} error(s)");
            return 1;
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            stderr.WriteLine("搜索索引正被门户占用 (the portal holds the index): stop it, or let it index the changes itself.");
            return 1;
        }
        catch (FileNotFoundException ex)
        {
            stderr.WriteLine($"文件不存在 (file not found): {ex.FileName}");
            return 1;
        }
    }

    /// <summary>The portal's default data folder when run from the repository root, so both tools share it.</summary>
    private static string DefaultDataDir() =>
        Directory.Exists(Path.Combine("src", "Matchmaking.Web")) ? Path.Combine("src", "Matchmaking.Web", "data") : "data";

    private static ServiceProvider Build(string dataDir)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddMatchmakingData(_ => dataDir);
        services.AddIdentityCore<ApplicationUser>(DataSetup.ConfigureIdentityStore).AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>();
        services.AddSingleton(sp => new SearchIndexer(sp.GetRequiredService<IDbContextFactory<AppDbContext>>(), Path.Combine(dataDir, "index")));
        services.AddSingleton<SearchService>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<ProfileService>();
        // Weights: MatchWeights' own defaults (the portal reads its "Matching" configuration section; the tool has none).
        services.AddSingleton(sp => new MatchingService(sp.GetRequiredService<IDbContextFactory<AppDbContext>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ProfileService>()));
        return services.BuildServiceProvider();
    }

    private static async Task<int> ImportProfilesAsync(IServiceProvider sp, string file, TextWriter stdout, TextWriter stderr)
    {
        await using var input = new BufferedStream(File.OpenRead(file), 1 << 16);
        var result = await sp.GetRequiredService<ImportService>().ImportProfilesAsync(Actor.System, input);
        var indexer = sp.GetRequiredService<SearchIndexer>();
        await indexer.OpenAsync(); // replays the outbox the import wrote
        stdout.WriteLine($"imported profiles: {result.Created} created, {result.Updated} updated");
        return 0;
    }

    private static async Task<int> ImportChallengesAsync(IServiceProvider sp, string file, TextWriter stdout)
    {
        var format = Path.GetExtension(file).Equals(".xlsx", StringComparison.OrdinalIgnoreCase) ? DemandImportFormat.Xlsx : DemandImportFormat.JsonLines;
        await using var input = new BufferedStream(File.OpenRead(file), 1 << 16);
        var result = await sp.GetRequiredService<ImportService>().ImportChallengesAsync(Actor.System, input, format);
        await sp.GetRequiredService<SearchIndexer>().OpenAsync(); // replays the outbox the import wrote
        stdout.WriteLine($"imported challenges: {result.Created} created, {result.Updated} updated");
        return 0;
    }

    private static async Task<int> SearchAsync(IServiceProvider sp, List<string> args, TextWriter stdout, TextWriter stderr)
    {
        var kind = Take(args, "--kind") ?? "challenges";
        var topText = Take(args, "--top") ?? "10";
        if (!int.TryParse(topText, CultureInfo.InvariantCulture, out var top) || top < 1) return UsageError(stderr, "--top takes a positive number");
        var text = string.Join(' ', args.Skip(1));
        await sp.GetRequiredService<SearchIndexer>().OpenAsync();
        var search = sp.GetRequiredService<SearchService>();
        var size = Math.Min(top, SearchRequest.MaxTake);
        string? message;
        switch (kind)
        {
            case "challenges":
                var challenges = await search.SearchChallengesAsync(Actor.System, new ChallengeSearchQuery { Text = text, PageSize = size });
                message = challenges.Message;
                foreach (var h in challenges.Hits)
                    stdout.WriteLine(JsonLines.Write(new { id = h.Challenge.Id, title = h.Challenge.Title, status = h.Challenge.Status.ToString(), score = h.Score }));
                break;
            case "profiles":
                var profiles = await search.SearchProfilesAsync(Actor.System, new ProfileSearchQuery { Text = text, PageSize = size });
                message = profiles.Message;
                foreach (var h in profiles.Hits)
                    stdout.WriteLine(JsonLines.Write(new { id = h.Profile.ExternalId ?? h.Profile.Id.ToString(CultureInfo.InvariantCulture), name = h.Profile.Name, score = h.Score }));
                break;
            default:
                return UsageError(stderr, "--kind is challenges or profiles");
        }
        if (message is not null) stderr.WriteLine(message);
        return 0;
    }

    /// <summary>`match --demands FILE [--top N]`: every line is checked first; any bad line fails the run with its
    /// line number on stderr and nothing on stdout.</summary>
    private static async Task<int> MatchAsync(IServiceProvider sp, List<string> args, TextWriter stdout, TextWriter stderr)
    {
        var file = Take(args, "--demands");
        var topText = Take(args, "--top") ?? "10";
        if (file is null || args.Count != 1) return UsageError(stderr, "match needs --demands FILE");
        if (!int.TryParse(topText, CultureInfo.InvariantCulture, out var top) || top < 1 || top > MatchingService.MaxTop)
            return UsageError(stderr, $"--top takes a number from 1 to {MatchingService.MaxTop}");
        List<Core.Matching.DemandDoc> demands;
        List<LineError> errors;
        await using (var input = new BufferedStream(File.OpenRead(file), 1 << 16))
            (demands, errors) = DemandRecords.Read(input);
        if (errors.Count > 0)
        {
            foreach (var e in errors.Take(50)) stderr.WriteLine(e);
            stderr.WriteLine($"需求文件有误，未输出任何匹配 (bad demand file, nothing matched): {errors.Count} error(s)");
            return 1;
        }
        var lines = await sp.GetRequiredService<MatchingService>().MatchDemandsAsync(Actor.System, demands, top);
        foreach (var line in lines) stdout.WriteLine(JsonLines.Write(line));
        return 0;
    }

    private static async Task<int> RebuildAsync(IServiceProvider sp, TextWriter stdout)
    {
        var indexer = sp.GetRequiredService<SearchIndexer>();
        await indexer.ReloadSynonymsAsync();
        foreach (var kind in Enum.GetValues<IndexKind>())
        {
            await indexer.RebuildAsync(kind, null);
            var s = await indexer.StatusAsync(kind);
            stdout.WriteLine($"{kind}: {s.IndexedDocuments} documents");
        }
        return 0;
    }

    private static async Task<int> StatusAsync(IServiceProvider sp, TextWriter stdout)
    {
        var indexer = sp.GetRequiredService<SearchIndexer>();
        await indexer.OpenAsync();
        foreach (var kind in Enum.GetValues<IndexKind>())
        {
            var s = await indexer.StatusAsync(kind);
            stdout.WriteLine($"{kind}: {s.IndexedDocuments} documents, {s.DatabaseRows} rows, watermark {s.Watermark}, {s.PendingChanges} pending");
        }
        return 0;
    }

    private static int UsageError(TextWriter stderr, string? why = null)
    {
        if (why is not null) stderr.WriteLine(why);
        stderr.WriteLine(Usage);
        return 2;
    }

    private static string? Take(List<string> args, string option)
    {
        var i = args.IndexOf(option);
        if (i < 0) return null;
        if (i + 1 >= args.Count) { args.RemoveAt(i); return null; }
        var value = args[i + 1];
        args.RemoveRange(i, 2);
        return value;
    }
}
