using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IssueSync.Worker.Console;

/// <summary>What every console page shares: the outcome of an action shown after its redirect, and how times read.</summary>
public abstract class ConsolePage : PageModel
{
    protected CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>After an action: a notice (or the slice's refusal) on the page the browser is sent back to.</summary>
    protected IActionResult Report(SliceAnswer answer, string done, string? page = null, object? routeValues = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.IsOk)
        {
            TempData["Done"] = done;
        }
        else
        {
            TempData["Problem"] = Describe(answer);
        }

        return page is null ? RedirectToPage(routeValues) : RedirectToPage(page, routeValues);
    }

    protected IActionResult Done(string done, object? routeValues = null)
    {
        TempData["Done"] = done;
        return RedirectToPage(routeValues);
    }

    protected IActionResult Refuse(string problem, object? routeValues = null)
    {
        TempData["Problem"] = problem;
        return RedirectToPage(routeValues);
    }

    public static string Describe(SliceAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var fields = answer.Errors.SelectMany(e => e.Value.Select(m => e.Key.Length > 0 ? $"{e.Key}: {m}" : m));
        return string.Join(" ", new[] { answer.Detail ?? $"Refused ({answer.Status})." }.Concat(fields));
    }

    public static string Time(DateTime? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "–";

    public static string ShortId(Guid id) => id.ToString("N", CultureInfo.InvariantCulture)[..8];
}
