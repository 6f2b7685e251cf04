using System.Reflection;
using Lucene.Net.Store;

namespace Matchmaking.Core.Search;

/// <summary>
/// An <see cref="MMapDirectory"/> whose inputs do not keep a table of their clones.
/// </summary>
/// <remarks>
/// Lucene.NET 4.8.0-beta00017's memory-mapped input registers every clone (each postings and terms enumerator
/// clones one) in a <c>ConditionalWeakTable</c>, only so that closing the file can mark the clones closed. Every
/// entry is a dependent GC handle, and the table grows with the searches: on a long-running process searches got
/// several times slower and gen-1 collections came every few queries (docs/performance.md). Here the table is
/// switched off, as Lucene itself does when it cannot unmap. A clone used after its file is closed then reads
/// from a disposed view and throws (<c>ObjectDisposedException</c>) instead of reporting "already closed";
/// readers are reference-counted by the <c>SearcherManager</c>, so that does not happen in this code.
/// </remarks>
public sealed class UntrackedMMapDirectory : MMapDirectory
{
    private static readonly FieldInfo? ClonesField =
        typeof(ByteBufferIndexInput).GetField("clones", BindingFlags.Instance | BindingFlags.NonPublic);

    public UntrackedMMapDirectory(DirectoryInfo path) : base(path)
    {
    }

    /// <summary>Whether this Lucene.NET build has the clone table this class switches off.</summary>
    public static bool CanUntrack => ClonesField is not null && !ClonesField.FieldType.IsValueType;

    public override IndexInput OpenInput(string name, IOContext context)
    {
        var input = base.OpenInput(name, context);
        Untrack(input);
        return input;
    }

    /// <summary>Compound files: slices of one untracked input (MMapDirectory's own slicer would track them).</summary>
    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        var input = OpenInput(name, context);
        if (input is ByteBufferIndexInput full)
        {
            return new Slicer(full);
        }
        input.Dispose();
        return base.CreateSlicer(name, context);
    }

    /// <summary>True when <paramref name="input"/> will not register its clones.</summary>
    public static bool IsUntracked(IndexInput input) =>
        input is ByteBufferIndexInput && ClonesField?.GetValue(input) is null;

    private static void Untrack(IndexInput input)
    {
        if (CanUntrack && input is ByteBufferIndexInput)
        {
            ClonesField!.SetValue(input, null);
        }
    }

    private sealed class Slicer(ByteBufferIndexInput full) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            full.Slice(sliceDescription, offset, length);

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => (IndexInput)full.Clone();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                full.Dispose();
            }
        }
    }
}
