using Matchmaking.Application.Attachments;
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
        return app;
    }
}
