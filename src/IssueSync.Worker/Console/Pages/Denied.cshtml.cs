using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IssueSync.Worker.Console.Pages;

public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
