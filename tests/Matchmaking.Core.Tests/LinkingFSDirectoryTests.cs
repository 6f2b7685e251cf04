using Lucene.Net.Store;
using Matchmaking.Core.Search;

namespace Matchmaking.Core.Tests;

public sealed class LinkingFSDirectoryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mm-link-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Copy_ToADirectoryOnTheSameDisk_LinksTheFile()
    {
        using var scratch = new LinkingFSDirectory(System.IO.Directory.CreateDirectory(Path.Combine(_root, "scratch")));
        using var index = new UntrackedMMapDirectory(System.IO.Directory.CreateDirectory(Path.Combine(_root, "index")));
        using (var output = scratch.CreateOutput("_0.doc", IOContext.DEFAULT))
        {
            output.WriteBytes(new byte[] { 1, 2, 3 }, 3);
        }

        scratch.Copy(index, "_0.doc", "_5.doc", IOContext.DEFAULT);
        using (var input = index.OpenInput("_5.doc", IOContext.READ))
        {
            Assert.Equal(3, input.Length);
            input.Seek(1);
            Assert.Equal(2, input.ReadByte());
        }
        // A link, not a copy: a byte appended through the scratch name shows under the index's name.
        File.AppendAllText(Path.Combine(_root, "scratch", "_0.doc"), "x");
        Assert.Equal(OperatingSystem.IsWindows() ? 3 : 4, new FileInfo(Path.Combine(_root, "index", "_5.doc")).Length);
        // Removing the scratch folder leaves the index's file.
        scratch.Dispose();
        System.IO.Directory.Delete(Path.Combine(_root, "scratch"), recursive: true);
        Assert.True(File.Exists(Path.Combine(_root, "index", "_5.doc")));
    }

    [Fact]
    public void Copy_ToAnExistingName_OrToMemory_CopiesAsLuceneDoes()
    {
        using var scratch = new LinkingFSDirectory(System.IO.Directory.CreateDirectory(Path.Combine(_root, "scratch")));
        using var memory = new RAMDirectory();
        using (var output = scratch.CreateOutput("a", IOContext.DEFAULT))
        {
            output.WriteBytes(new byte[] { 7, 8 }, 2);
        }
        scratch.Copy(memory, "a", "b", IOContext.DEFAULT);
        Assert.Equal(2, memory.FileLength("b"));

        using var index = new UntrackedMMapDirectory(System.IO.Directory.CreateDirectory(Path.Combine(_root, "index")));
        File.WriteAllText(Path.Combine(_root, "index", "b"), "old contents");
        scratch.Copy(index, "a", "b", IOContext.DEFAULT); // the link fails (the name exists): Lucene's copy replaces it
        Assert.Equal(2, new FileInfo(Path.Combine(_root, "index", "b")).Length);
    }
}
