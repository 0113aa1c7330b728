using System.Diagnostics;
using System.Globalization;

namespace IssueSync.Harness;

/// <summary>
/// A <c>dotnet &lt;assembly&gt;</c> child process whose standard output and error go to one log file, kept across
/// restarts (each start and stop is marked in it). It can be stopped with SIGTERM, killed with SIGKILL, and
/// started again with the same command line and environment.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly string _assembly;
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private Process? _process;
    private bool _closed;

    public ManagedProcess(string name, string assembly, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        Name = name;
        _assembly = assembly;
        _arguments = arguments;
        _environment = environment;
        LogPath = logPath;
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        _log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string Name { get; }

    public string LogPath { get; }

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Exit code of the last process, once it has exited.</summary>
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public void Start()
    {
        if (IsRunning)
        {
            throw new HarnessException($"{Name} is already running (pid {_process!.Id}).");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(_assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(_assembly);
        foreach (var argument in _arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        if (!process.Start())
        {
            throw new HarnessException($"{Name} did not start: dotnet {_assembly}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Mark($"started, pid {process.Id}");
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        var pid = process.Id;
        process.Kill(entireProcessTree: false); // SIGKILL on Unix
        await process.WaitForExitAsync(cancellationToken);
        Mark($"killed with SIGKILL, pid {pid}");
    }

    /// <summary>SIGTERM, then waits for the exit (SIGKILL after <paramref name="grace"/>); returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (_process is not { } process)
        {
            return 0;
        }

        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync(cancellationToken);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Mark($"did not stop within {grace.TotalSeconds:0} s of SIGTERM: SIGKILL");
                process.Kill(entireProcessTree: false);
                await process.WaitForExitAsync(cancellationToken);
            }
        }

        Mark($"exited with code {process.ExitCode}");
        return process.ExitCode;
    }

    /// <summary>Runs the process to its end (for one-shot commands such as <c>migrate</c>) and returns the exit code.</summary>
    public async Task<int> RunToEndAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Start();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process!.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await KillAsync(cancellationToken);
            throw new HarnessException($"{Name} did not finish within {timeout.TotalSeconds:0} s; its output is in {LogPath}.");
        }

        // The exit event can come before the last output lines: WaitForExit() without a timeout drains them.
        _process.WaitForExit();
        Mark($"exited with code {_process.ExitCode}");
        return _process.ExitCode;
    }

    /// <summary>The last lines of the log, for error messages.</summary>
    public string Tail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        lock (_logLock)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Mark(string what) => Write(string.Create(CultureInfo.InvariantCulture, $"=== harness {DateTimeOffset.UtcNow:O}: {Name} {what}"));

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
