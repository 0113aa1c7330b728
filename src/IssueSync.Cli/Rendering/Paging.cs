using IssueSync.Admin.Contracts;

namespace IssueSync.Cli.Rendering;

/// <summary>Page arithmetic for the admin API's lists.</summary>
internal static class Paging
{
    /// <summary>The number of pages (at least 1).</summary>
    public static int PageCount<T>(this PagedList<T> page) =>
        page.PageSize <= 0 || page.Total <= 0 ? 1 : (int)Math.Ceiling(page.Total / (double)page.PageSize);
}
