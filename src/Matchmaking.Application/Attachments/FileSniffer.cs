using System.IO.Compression;

namespace Matchmaking.Application.Attachments;

/// <summary>A file type the portal accepts, recognised by its content.</summary>
public sealed record SniffedType(string ContentType, string[] Extensions, string Label);

/// <summary>Recognises the allowed file types by their bytes: PDF, OOXML (a zip that really holds
/// [Content_Types].xml and the part folder of Word, Excel or PowerPoint), legacy Office (the OLE compound-file
/// header), PNG, JPEG, GIF and WebP. Anything else — an executable, a plain zip, a script — is refused, whatever
/// its name says; and a name whose extension contradicts the content (a PDF called .png) is refused too.</summary>
public static class FileSniffer
{
    public static readonly SniffedType Pdf = new("application/pdf", [".pdf"], "PDF");
    public static readonly SniffedType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"], "Word");
    public static readonly SniffedType Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"], "Excel");
    public static readonly SniffedType Pptx = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"], "PowerPoint");
    public static readonly SniffedType Doc = new("application/msword", [".doc"], "Word 97-2003");
    public static readonly SniffedType Xls = new("application/vnd.ms-excel", [".xls"], "Excel 97-2003");
    public static readonly SniffedType Png = new("image/png", [".png"], "PNG");
    public static readonly SniffedType Jpeg = new("image/jpeg", [".jpg", ".jpeg"], "JPEG");
    public static readonly SniffedType Gif = new("image/gif", [".gif"], "GIF");
    public static readonly SniffedType WebP = new("image/webp", [".webp"], "WebP");

    public static IReadOnlyList<SniffedType> All { get; } = [Pdf, Docx, Xlsx, Pptx, Doc, Xls, Png, Jpeg, Gif, WebP];
    public static string AcceptAttribute => string.Join(",", All.SelectMany(t => t.Extensions));

    private static ReadOnlySpan<byte> OleHeader => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static ReadOnlySpan<byte> PngHeader => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The type of a seekable stream's content, or null when it is none of the allowed ones.
    /// <paramref name="fileName"/> only tells a legacy .doc from an .xls (both are OLE compound files).</summary>
    public static SniffedType? Sniff(Stream content, string fileName)
    {
        content.Position = 0;
        Span<byte> head = stackalloc byte[16];
        var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        content.Position = 0;
        var ext = Path.GetExtension(fileName).ToLowerInvariant();

        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith(PngHeader)) return Png;
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return Jpeg;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return WebP;
        if (head.StartsWith(OleHeader)) return ext == ".xls" ? Xls : ext == ".doc" ? Doc : null;
        if (head.StartsWith("PK\x03\x04"u8)) return SniffOoxml(content);
        return null;
    }

    private static SniffedType? SniffOoxml(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml")) return null;
            if (names.Any(x => x.StartsWith("word/", StringComparison.Ordinal))) return Docx;
            if (names.Any(x => x.StartsWith("xl/", StringComparison.Ordinal))) return Xlsx;
            if (names.Any(x => x.StartsWith("ppt/", StringComparison.Ordinal))) return Pptx;
            return null;
        }
        catch (InvalidDataException) { return null; }
        finally { content.Position = 0; }
    }
}
