using Matchmaking.Application.Attachments;
using Matchmaking.Application.Bids;
using Matchmaking.Web.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Matchmaking.Web.Api;

/// <summary>GET /attachments/{id}: the file, to those its owner allows (bid: authors, poster after the deadline,
/// admins; milestone evidence: poster organisation, selected bidders, admins); 404 to everyone else. Always a
/// download (Content-Disposition: attachment) with nosniff, so an uploaded file never renders in the portal's origin.</summary>
public static class AttachmentApi
{
    public static IEndpointRouteBuilder MapAttachmentApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/attachments/{id:long}", async (long id, HttpContext http, AttachmentService attachments, CancellationToken ct) =>
        {
            var opened = await attachments.OpenAsync(http.User.ToActor(), id, ct);
            if (opened is not { } o) return Results.NotFound();
            http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            http.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
            http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
            return Results.File(o.Content, o.Attachment.ContentType, o.Attachment.OriginalName, enableRangeProcessing: false);
        }).ExcludeFromDescription();

        // The receipt's canonical JSON, byte for byte what was hashed (sha256sum of the download = the digest).
        app.MapGet("/bids/{id:int}/receipt.json", async (int id, HttpContext http, BidService bids, CancellationToken ct) =>
        {
            var receipt = await bids.GetReceiptAsync(http.User.ToActor(), id, ct);
            if (receipt is not { } r) return Results.NotFound();
            http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            http.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(r.Json), "application/json", $"receipt-bid-{id}.json");
        }).ExcludeFromDescription();
        return app;
    }
}
