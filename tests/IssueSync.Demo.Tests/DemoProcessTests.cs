using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace IssueSync.Demo.Tests;

/// <summary><c>issuesync-demo --keep-running</c> run as a real process, stopped the way a person or an orchestrator stops it.</summary>
public sealed class DemoProcessTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Keep_running_stops_on_a_signal_within_the_shutdown_budget(string signal)
    {
        using var demo = DemoProcess.Start("--keep-running", "--json", "--valid", "4");
        try
        {
            // The summary is out: the demo now waits for the signal, its worker and simulator up.
            await demo.WaitForOutputAsync("\"asExpected\": true", TimeSpan.FromSeconds(120));

            var stopwatch = Stopwatch.StartNew();
            await demo.SignalAsync(signal);
            var exited = await demo.WaitForExitAsync(DemoHost.StopBudget);

            Assert.True(exited, $"issuesync-demo was still running {stopwatch.Elapsed} after SIG{signal}:\n{demo.Output}");
            Assert.Equal(DemoApp.Success, demo.ExitCode);
        }
        finally
        {
            demo.KillIfRunning();
        }
    }

    [Fact]
    public async Task Keep_running_prints_the_console_address_and_a_one_time_key_that_signs_in()
    {
        using var demo = DemoProcess.Start("--keep-running", "--valid", "4");
        try
        {
            await demo.WaitForOutputAsync("press Ctrl+C", TimeSpan.FromSeconds(120));
            var address = System.Text.RegularExpressions.Regex.Match(demo.Output, @"Console: (?<url>http://\S+/console)");
            var key = System.Text.RegularExpressions.Regex.Match(demo.Output, @"Sign-in key \(this run only\): (?<key>[0-9A-F]{32})");
            Assert.True(address.Success && key.Success, demo.Output);
            var console = new Uri(address.Groups["url"].Value);

            using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() };
            using var http = new HttpClient(handler);
            var form = await http.GetStringAsync(new Uri(console, "console/sign-in"), TestContext.Current.CancellationToken);
            var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<t>[^\"]+)\"").Groups["t"].Value;
            using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key.Groups["key"].Value, ["__RequestVerificationToken"] = token });
            var signedIn = await http.PostAsync(new Uri(console, "console/sign-in"), body, TestContext.Current.CancellationToken);

            Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/console", signedIn.Headers.Location?.ToString());
            var overview = await http.GetAsync(console, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, overview.StatusCode);
        }
        finally
        {
            demo.KillIfRunning();
        }
    }

    [Fact]
    public async Task A_signal_before_the_summary_stops_the_run_and_says_so()
    {
        // 2000 commands take minutes at the simulator's burst limit: the signal surely comes before the summary.
        using var demo = DemoProcess.Start("--valid", "2000");
        try
        {
            await demo.WaitForOutputAsync("Sent ", TimeSpan.FromSeconds(120));

            await demo.SignalAsync("INT");
            var exited = await demo.WaitForExitAsync(DemoHost.StopBudget);

            Assert.True(exited, $"issuesync-demo was still running after SIGINT:\n{demo.Output}");
            Assert.Equal(DemoApp.Interrupted, demo.ExitCode);
            Assert.Contains("Interrupted", demo.Output, StringComparison.Ordinal);
        }
        finally
        {
            demo.KillIfRunning();
        }
    }

    private sealed class DemoProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private DemoProcess(Process process)
        {
            _process = process;
        }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public int ExitCode => _process.ExitCode;

        public static DemoProcess Start(params string[] args)
        {
            var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "issuesync-demo.dll"), .. args])
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var demo = new DemoProcess(new Process { StartInfo = info });
            demo._process.OutputDataReceived += (_, e) => demo.Append(e.Data);
            demo._process.ErrorDataReceived += (_, e) => demo.Append(e.Data);
            demo._process.Start();
            demo._process.BeginOutputReadLine();
            demo._process.BeginErrorReadLine();
            return demo;
        }

        public async Task WaitForOutputAsync(string text, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!Output.Contains(text, StringComparison.Ordinal))
            {
                if (_process.HasExited)
                {
                    Assert.Fail($"issuesync-demo exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail($"issuesync-demo did not print '{text}' within {timeout}:\n{Output}");
                }

                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        public async Task SignalAsync(string signal)
        {
            using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, kill.ExitCode);
        }

        public async Task<bool> WaitForExitAsync(TimeSpan budget)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(budget);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
                return true;
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        public void KillIfRunning()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        public void Dispose() => _process.Dispose();

        private void Append(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
