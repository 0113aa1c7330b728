using System.Runtime.InteropServices;
using IssueSync.Demo;

// Ctrl+C (SIGINT) and SIGTERM stop the demo: its hosts stop within their shutdown budget and the process exits. A second
// signal while stopping is not intercepted, so it ends the process at once.
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await DemoApp.RunAsync(args, cancellationToken: stop.Token);

void Stop(PosixSignalContext signal)
{
    if (!stop.IsCancellationRequested)
    {
        signal.Cancel = true;
        stop.Cancel();
    }
}
