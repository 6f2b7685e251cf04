using System.Text;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Application.Tests.Infrastructure;

/// <summary>Runs the command-line tool in-process on its own temporary data folder.</summary>
public sealed class CliHarness : IDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "mm-cli-tests", Guid.NewGuid().ToString("N"));

    public async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await Cli.Cli.RunAsync(["--data", Dir, .. args], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes a UTF-8 file (no BOM) into the data folder and returns its path.</summary>
    public string File(string name, string content)
    {
        Directory.CreateDirectory(Dir);
        var path = Path.Combine(Dir, name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
