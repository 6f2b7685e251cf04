using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Matchmaking.Application.Bids;

/// <summary>
/// 揭榜回执: tamper evidence for what a bid contained when it was submitted. The canonical form is a UTF-8 JSON object
/// without whitespace, with exactly these keys in this order:
/// <c>v</c> (1), <c>bidId</c>, <c>challengeId</c>, <c>leadOrganizationId</c>, <c>partnerOrganizationIds</c> (confirmed
/// partners, ascending), <c>technicalApproach</c>, <c>milestonePlan</c>, <c>budgetAskedWan</c> (a string with two
/// decimals, e.g. "800.00"), <c>teamDescription</c>, <c>priorResults</c> (string or null), <c>attachments</c> (array of
/// {"name","sha256","size"} ordered by sha256 then name), <c>submittedAtUtc</c> (ISO 8601 "yyyy-MM-ddTHH:mm:ss.fffZ").
/// Strings are escaped as System.Text.Json does with the relaxed encoder (quotes, backslashes and control characters
/// escaped; Chinese left as UTF-8). The digest is the lower-case hex SHA-256 of those bytes — <c>sha256sum receipt.json</c>
/// recomputes it from the downloaded file.
/// </summary>
public static class BidReceipt
{
    public sealed record AttachmentRef(string Name, string Sha256, long Size);

    public static string Canonical(Bid bid, IEnumerable<int> confirmedPartnerIds, IEnumerable<AttachmentRef> attachments, DateTime submittedAtUtc)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false }))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteNumber("bidId", bid.Id);
            w.WriteNumber("challengeId", bid.ChallengeId);
            w.WriteNumber("leadOrganizationId", bid.OrganizationId);
            w.WriteStartArray("partnerOrganizationIds");
            foreach (var id in confirmedPartnerIds.Distinct().Order()) w.WriteNumberValue(id);
            w.WriteEndArray();
            w.WriteString("technicalApproach", bid.TechnicalApproach);
            w.WriteString("milestonePlan", bid.MilestonePlan);
            w.WriteString("budgetAskedWan", bid.BudgetAskedWan.ToString("0.00", CultureInfo.InvariantCulture));
            w.WriteString("teamDescription", bid.TeamDescription);
            if (bid.PriorResults is null) w.WriteNull("priorResults"); else w.WriteString("priorResults", bid.PriorResults);
            w.WriteStartArray("attachments");
            foreach (var a in attachments.OrderBy(a => a.Sha256, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("name", a.Name);
                w.WriteString("sha256", a.Sha256);
                w.WriteNumber("size", a.Size);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("submittedAtUtc", DateTime.SpecifyKind(submittedAtUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Digest(string canonicalJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    /// <summary>Does this text hash to this digest? Tolerates surrounding whitespace on the digest and one trailing
    /// newline on the JSON (editors add one), nothing else.</summary>
    public static bool Matches(string canonicalJson, string digest)
    {
        var d = digest.Trim().ToLowerInvariant();
        if (Digest(canonicalJson) == d) return true;
        return canonicalJson.EndsWith('\n') && Digest(canonicalJson.TrimEnd('\n', '\r')) == d;
    }
}
