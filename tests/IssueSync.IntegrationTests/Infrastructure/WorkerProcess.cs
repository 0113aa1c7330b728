using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IssueSync.IntegrationTests.Infrastructure;

/// <summary>
/// The worker run as its own process (<c>dotnet IssueSync.Worker.dll</c>), exactly as in a container, on a
/// scenario's database, queue and simulator: for what only a process shows (signals, crashes, memory, CPU time).
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly StringBuilder _log = new();

    private WorkerProcess(Process process, int port)
    {
        Process = process;
        Port = port;
    }

    public Process Process { get; }

    public int Port { get; }

    public string Output
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public bool IsAlive => !Process.HasExited;

    /// <summary>CPU time the process has used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            Process.Refresh();
            return Process.TotalProcessorTime;
        }
    }

    /// <summary>The peak resident set size so far (Linux: VmHWM), in MiB.</summary>
    public double PeakRssMiB
    {
        get
        {
            var line = File.ReadLines($"/proc/{Process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
    }

    public static async Task<WorkerProcess> StartAsync(WorkerSettings settings, string replicaName, IReadOnlyDictionary<string, string>? more = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IssueSync.Worker.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = settings.DatabaseConnectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["IssueSync__Transport"] = "RabbitMq",
            ["IssueSync__RabbitMq__Uri"] = settings.RabbitMqUri.ToString(),
            ["IssueSync__RabbitMq__QuorumReplicas"] = "1",
            ["IssueSync__InputQueue"] = settings.InputQueue,
            ["IssueSync__ConcurrencyLimit"] = "8",
            ["IssueSync__ReplicaName"] = replicaName,
            ["Atlassian__AuthBaseUrl"] = settings.SimulatorUrl.ToString(),
            ["Atlassian__ApiBaseUrl"] = settings.SimulatorUrl.ToString(),
            ["Atlassian__ClientId"] = "issuesync-demo-client",
            ["Atlassian__ClientSecret"] = "issuesync-demo-secret",
            ["Atlassian__RedirectUri"] = "http://127.0.0.1:5080/oauth/callback",
            ["DataProtection__CertificatePath"] = TestKeyRing.CertificatePath,
        };
        for (var i = 0; i < settings.LookupSchedule.Count; i++)
        {
            environment[$"IssueSync__Uncertain__LookupSchedule__{i}"] = settings.LookupSchedule[i].ToString();
        }

        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var worker = new WorkerProcess(Process.Start(info)!, port);
        worker.Process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        worker.Process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        worker.Process.BeginOutputReadLine();
        worker.Process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await worker.IsReadyAsync())
        {
            if (DateTime.UtcNow > deadline || !worker.IsAlive)
            {
                throw new InvalidOperationException($"The worker process did not become ready:\n{worker.Output}");
            }

            await Task.Delay(100);
        }

        return worker;
    }

    public async Task<bool> IsReadyAsync()
    {
        using var client = new HttpClient();
        try
        {
            return (await client.GetAsync(new Uri($"http://127.0.0.1:{Port}/health/ready"))).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (IsAlive)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }

        Process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
