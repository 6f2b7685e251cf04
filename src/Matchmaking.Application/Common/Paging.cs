namespace Matchmaking.Application.Common;

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static (int skip, int take, int page, int size) Normalize(int page, int size)
    {
        size = Math.Clamp(size, 1, 100);
        page = Math.Max(1, page);
        return ((page - 1) * size, size, page, size);
    }
}
