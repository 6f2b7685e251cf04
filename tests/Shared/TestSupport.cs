using System.Globalization;
using System.Runtime.CompilerServices;

namespace Matchmaking.Tests;

/// <summary>Shared by the test projects (linked into each): where the repository is, and the language tests read.</summary>
internal static class Repo
{
    /// <summary>The folder holding Matchmaking.sln, found upwards from the test binaries.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Matchmaking.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Matchmaking.sln not found above " + AppContext.BaseDirectory);
        }
    }
}

/// <summary>Tests read the portal in its default language, Chinese, whatever the machine's language: the UI's resource
/// strings and the services' messages follow the UI culture, and an English machine would otherwise read English.
/// Tests about English set the culture themselves.</summary>
internal static class TestCulture
{
#pragma warning disable CA2255 // a test assembly's start-up, not a library's
    [ModuleInitializer]
    internal static void ChineseByDefault()
    {
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
    }
#pragma warning restore CA2255
}
