using Matchmaking.Application.Common;
using Matchmaking.Application.DemandLists;
using Matchmaking.Web.Infrastructure;

namespace Matchmaking.Web.Api;

/// <summary>Demand-list downloads. The caller's cookie decides: admins any list, everyone else published lists only (a draft is 404).</summary>
public static class DemandListApi
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapDemandListApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/demand-lists/{id:int}/export.xlsx", async (HttpContext http, DemandListService lists, int id, CancellationToken ct) =>
        {
            var file = new MemoryStream();
            try
            {
                var name = await lists.ExportXlsxAsync(http.User.ToActor(), id, file, ct);
                file.Position = 0;
                return Results.File(file, XlsxContentType, name);
            }
            catch (NotFoundException) { return Results.NotFound(); }
        })
        .WithTags("Demand lists")
        .WithName("ExportDemandList")
        .WithSummary("A demand list's items as .xlsx (the import columns: 编号, 名称, 描述, 环节, 卡点类型, 技术标签, 学科, 榜额（万元）)")
        .Produces(StatusCodes.Status200OK, contentType: XlsxContentType)
        .Produces(StatusCodes.Status404NotFound);
        return app;
    }
}
