using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Matchmaking.Core.Search;

/// <summary>
/// The <see cref="FieldNames.Hit"/> doc value: id, title, skills and body of a document in one record,
/// <c>[vint id bytes][id][vint title bytes][title][vint skills bytes][skills][body]</c> in UTF-8, the
/// skills separated by U+001F, the body running to the end. Title and skills are read back to score
/// the top hits (<see cref="TitleSkillsScorer"/>), id, title and body to show a hit. A body that does
/// not fit is replaced by the single byte 0xFF (never part of UTF-8) and stored as a field instead; a
/// title too long for the record is cut, and skills beyond what fits are left out.
/// </summary>
internal static class HitRecord
{
    /// <summary>The largest binary doc value Lucene 4.8 accepts.</summary>
    internal const int MaxBytes = 32766;

    internal const char SkillSeparator = '\u001F';

    private const byte LongBodyMarker = 0xFF;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Encodes the record into <paramref name="into"/>; false when the body did not fit and must be stored.</summary>
    public static bool Write(string id, string title, IReadOnlyList<string> skills, string body, BytesRef into)
    {
        int idBytes = Utf8.GetByteCount(id);
        if (idBytes > 1024)
        {
            throw new ArgumentException("A document id must be at most 1,024 UTF-8 bytes.", nameof(id));
        }
        // Each char is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 chars): cut the title so the record always fits.
        int room = MaxBytes - idBytes - 16;
        int titleChars = room / 3;
        if (title.Length > titleChars)
        {
            title = title[..(char.IsHighSurrogate(title[titleChars - 1]) ? titleChars - 1 : titleChars)];
        }
        int titleBytes = Utf8.GetByteCount(title);
        // Whole skills, while they fit beside the title.
        int skillCount = 0, skillBytes = 0;
        for (int i = 0; i < skills.Count; i++)
        {
            int more = Utf8.GetByteCount(skills[i]) + (skillCount > 0 ? 1 : 0);
            if (titleBytes + skillBytes + more > room)
            {
                break;
            }
            skillBytes += more;
            skillCount++;
        }
        int max = 15 + idBytes + titleBytes + skillBytes + Utf8.GetMaxByteCount(body.Length);
        if (into.Bytes.Length < max)
        {
            into.Bytes = new byte[Math.Max(max, into.Bytes.Length * 2)];
        }
        var bytes = into.Bytes;
        int at = WriteVInt(bytes, 0, idBytes);
        at += Utf8.GetBytes(id, 0, id.Length, bytes, at);
        at = WriteVInt(bytes, at, titleBytes);
        at += Utf8.GetBytes(title, 0, title.Length, bytes, at);
        at = WriteVInt(bytes, at, skillBytes);
        for (int i = 0; i < skillCount; i++)
        {
            if (i > 0)
            {
                bytes[at++] = (byte)SkillSeparator;
            }
            at += Utf8.GetBytes(skills[i], 0, skills[i].Length, bytes, at);
        }
        int bodyAt = at;
        at += Utf8.GetBytes(body, 0, body.Length, bytes, at);
        bool fits = at <= MaxBytes;
        if (!fits)
        {
            bytes[bodyAt] = LongBodyMarker;
            at = bodyAt + 1;
        }
        into.Offset = 0;
        into.Length = at;
        return fits;
    }

    /// <summary>Reads document <paramref name="doc"/>'s record into <paramref name="scratch"/> (empty when the segment has none).</summary>
    public static BytesRef Load(AtomicReader segment, int doc, BytesRef scratch)
    {
        if (segment.GetBinaryDocValues(FieldNames.Hit) is { } values)
        {
            values.Get(doc, scratch);
        }
        else
        {
            scratch.Length = 0;
        }
        return scratch;
    }

    /// <summary>Decodes a record; <c>BodyStored</c> means the body is in the stored field <see cref="FieldNames.Body"/>.</summary>
    public static (string Id, string Title, string Body, bool BodyStored) Read(BytesRef record)
    {
        var bytes = record.Bytes;
        int at = record.Offset, end = record.Offset + record.Length;
        if (record.Length == 0)
        {
            return ("", "", "", false);
        }
        var id = ReadString(bytes, ref at);
        var title = ReadString(bytes, ref at);
        int skillBytes = ReadVInt(bytes, ref at);
        at += skillBytes;
        if (end - at == 1 && bytes[at] == LongBodyMarker)
        {
            return (id, title, "", true);
        }
        return (id, title, Utf8.GetString(bytes, at, end - at), false);
    }

    /// <summary>The title and the skills (separated by <see cref="SkillSeparator"/>) of a record.</summary>
    public static (string Title, string Skills) ReadTitleAndSkills(BytesRef record)
    {
        if (record.Length == 0)
        {
            return ("", "");
        }
        var bytes = record.Bytes;
        int at = record.Offset;
        int idBytes = ReadVInt(bytes, ref at);
        at += idBytes;
        var title = ReadString(bytes, ref at);
        return (title, ReadString(bytes, ref at));
    }

    private static string ReadString(byte[] bytes, ref int at)
    {
        int length = ReadVInt(bytes, ref at);
        var text = length == 0 ? "" : Utf8.GetString(bytes, at, length);
        at += length;
        return text;
    }

    private static int WriteVInt(byte[] bytes, int at, int value)
    {
        while (value >= 0x80)
        {
            bytes[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        bytes[at++] = (byte)value;
        return at;
    }

    private static int ReadVInt(byte[] bytes, ref int at)
    {
        int value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[at++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
