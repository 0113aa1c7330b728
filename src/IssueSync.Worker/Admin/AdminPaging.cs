namespace IssueSync.Worker.Admin;

/// <summary>The paging of the admin API's lists: pages from 1, at most <see cref="MaxPageSize"/> items, 50 by default.</summary>
public static class AdminPaging
{
    public const int MaxPageSize = 200;

    public const int DefaultPageSize = 50;

    public static (int Page, int PageSize) Of(int? page, int? pageSize) => (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
}
