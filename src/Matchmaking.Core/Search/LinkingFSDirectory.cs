using System.Runtime.InteropServices;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Matchmaking.Core.Search;

/// <summary>
/// A scratch directory whose files are handed to another directory on the same disk by a hard link instead of a
/// copy (as Lucene's later <c>HardlinkCopyDirectoryWrapper</c> does): <see cref="Lucene.Net.Index.IndexWriter.AddIndexes(LuceneDirectory[])"/>
/// of a rebuild's segments then takes no time. Lucene's files are written once and never changed, so the index and
/// the scratch folder may share them; deleting the scratch folder leaves the index's names in place. Where a link
/// cannot be made (Windows, another file system, a directory in memory) the file is copied as before.
/// </summary>
internal sealed class LinkingFSDirectory(DirectoryInfo path) : NIOFSDirectory(path)
{
    public override void Copy(LuceneDirectory to, string src, string dest, IOContext context)
    {
        if (to is FSDirectory target && !OperatingSystem.IsWindows() && TryLink(Path.Combine(Directory.FullName, src), Path.Combine(target.Directory.FullName, dest)))
        {
            return;
        }
        base.Copy(to, src, dest, context);
    }

    private static bool TryLink(string existing, string created)
    {
        try
        {
            return link(existing, created) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int link(string oldpath, string newpath);
}
