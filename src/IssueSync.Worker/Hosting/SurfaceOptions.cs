using System.ComponentModel.DataAnnotations;

namespace IssueSync.Worker.Hosting;

/// <summary>
/// The worker's two HTTP surfaces. The public one (the OAuth callback end users' browsers reach, and health) is on every
/// port the host listens on; the operator one (the admin API, <c>/metrics</c>, the console) only on
/// <see cref="OperatorPort"/>. The host listens where <c>ASPNETCORE_URLS</c> / <c>ASPNETCORE_HTTP_PORTS</c> say: list both ports.
/// </summary>
public sealed class SurfaceOptions
{
    public const string SectionName = "Surfaces";

    /// <summary>
    /// The local port of the operator surface. Unset: the operator surface is served on every port (one port for
    /// everyone, for a single process on a workstation), and the worker says so in its log at start.
    /// </summary>
    [Range(1, 65535)]
    public int? OperatorPort { get; set; }

    /// <summary>Requests per client address and minute on the public surface's OAuth callback; more are answered 429.</summary>
    [Range(1, 100_000)]
    public int PublicRequestsPerMinute { get; set; } = 60;
}
