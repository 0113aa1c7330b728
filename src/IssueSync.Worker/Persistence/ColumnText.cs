using System.Diagnostics.CodeAnalysis;

namespace IssueSync.Worker.Persistence;

/// <summary>
/// Fits text into a column of limited length (the <c>Max…Length</c> constants on the entities, which the configurations
/// also use). A longer value is cut and ends with "…", so a reader sees that it was cut. The one place writers cut text.
/// </summary>
public static class ColumnText
{
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Cut(string? value, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        return value is null || value.Length <= maxLength ? value : string.Concat(value.AsSpan(0, maxLength - 1), "…");
    }
}
