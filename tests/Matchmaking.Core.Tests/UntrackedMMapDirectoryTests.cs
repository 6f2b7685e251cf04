using Lucene.Net.Store;
using Matchmaking.Core.Search;

namespace Matchmaking.Core.Tests;

public sealed class UntrackedMMapDirectoryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mm-untracked-" + Guid.NewGuid().ToString("N"));

    public UntrackedMMapDirectoryTests() => System.IO.Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void ThisLuceneBuild_HasTheCloneTable()
    {
        // Fails when Lucene.NET is upgraded and the private field is renamed: then check whether the table still exists.
        Assert.True(UntrackedMMapDirectory.CanUntrack);
    }

    [Fact]
    public void Inputs_TheirClones_AndCompoundFileSlices_AreNotTracked()
    {
        using var tracked = new MMapDirectory(new DirectoryInfo(_folder));
        using var untracked = new UntrackedMMapDirectory(new DirectoryInfo(_folder));
        WriteFile(untracked, "data", 10_000);

        using (var input = tracked.OpenInput("data", IOContext.READ))
        {
            Assert.False(UntrackedMMapDirectory.IsUntracked(input)); // Lucene.NET's own directory tracks them
        }
        using (var input = untracked.OpenInput("data", IOContext.READ))
        {
            Assert.True(UntrackedMMapDirectory.IsUntracked(input));
            var clone = (IndexInput)input.Clone();
            Assert.True(UntrackedMMapDirectory.IsUntracked(clone));
            clone.Seek(1234);
            Assert.Equal((byte)(1234 % 251), clone.ReadByte());
        }
        using (var slicer = untracked.CreateSlicer("data", IOContext.READ))
        using (var slice = slicer.OpenSlice("part", 5000, 100))
        {
            Assert.True(UntrackedMMapDirectory.IsUntracked(slice));
            Assert.Equal(100, slice.Length);
            Assert.Equal((byte)(5000 % 251), slice.ReadByte());
            slice.Seek(99);
            Assert.Equal((byte)(5099 % 251), slice.ReadByte());
            Assert.ThrowsAny<Exception>(() => slice.ReadByte()); // past the slice's end
        }
    }

    [Fact]
    public void CloneUsedAfterItsFileIsClosed_Throws()
    {
        using var dir = new UntrackedMMapDirectory(new DirectoryInfo(_folder));
        WriteFile(dir, "data", 100_000);
        var input = dir.OpenInput("data", IOContext.READ);
        var clone = (IndexInput)input.Clone();
        clone.Seek(70_000);
        Assert.Equal((byte)(70_000 % 251), clone.ReadByte());
        input.Dispose();
        Assert.Throws<ObjectDisposedException>(() => clone.ReadByte());
    }

    [Fact]
    public void IndexOnDisk_SearchesAfterReopening()
    {
        using (var index = SearchIndex.OpenFs(_folder))
        {
            index.Upsert(new IndexDocument { Id = "1", Title = "熔盐泵密封", Body = "molten salt pump seal" });
            index.Commit(1);
        }
        using var reopened = SearchIndex.OpenFs(_folder);
        Assert.Equal("1", Assert.Single(reopened.Search(new SearchRequest { Query = "熔盐泵 seal" }).Hits).Id);
    }

    private static void WriteFile(Lucene.Net.Store.Directory dir, string name, int length)
    {
        using var output = dir.CreateOutput(name, IOContext.DEFAULT);
        for (int i = 0; i < length; i++)
        {
            output.WriteByte((byte)(i % 251));
        }
    }
}
