using System.Diagnostics;

namespace IssueSync.Harness;

/// <summary>
/// Restarts RabbitMQ or PostgreSQL through <c>tests/services.sh restart rabbitmq|postgres [--abrupt]</c>, which keeps
/// their data. Only possible when that script started them (its state folder and ports come from the ISSUESYNC_*
/// variables this process inherited).
/// </summary>
public sealed class ServiceControl(string servicesScript, string logPath)
{
    public async Task<TimeSpan> RestartAsync(string service, bool abrupt, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { servicesScript, "restart", service })
        {
            info.ArgumentList.Add(argument);
        }

        if (abrupt)
        {
            info.ArgumentList.Add("--abrupt");
        }

        using var process = Process.Start(info) ?? throw new HarnessException($"could not run {servicesScript}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = await output + await errors;
        await File.AppendAllTextAsync(logPath, $"=== {DateTimeOffset.UtcNow:O} restart {service}{(abrupt ? " --abrupt" : "")}\n{text}", cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new HarnessException($"{servicesScript} restart {service} failed ({process.ExitCode}):\n{text}");
        }

        return clock.Elapsed;
    }
}
