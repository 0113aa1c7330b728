using System.Diagnostics;
using System.Runtime.InteropServices;

namespace IssueSync.Jira.Tests.Adf.Support;

/// <summary>
/// CPU time used by the calling thread (not wall time, so a loaded machine does not inflate it). Where the
/// operating system gives no per-thread figure, the whole process's CPU time is used, which is an upper bound.
/// </summary>
internal static class ThreadCpuTime
{
    /// <summary>Runs <paramref name="action"/> on a new thread and returns the CPU time that thread used.</summary>
    public static TimeSpan Measure(Action action)
    {
        var used = TimeSpan.Zero;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            var before = Now();
            try
            {
                action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            used = Now() - before;
        });
        thread.Start();
        thread.Join();
        return failure is null ? used : throw new InvalidOperationException("The measured action failed.", failure);
    }

    private static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            var clock = OperatingSystem.IsLinux() ? LinuxThreadCpuClock : MacThreadCpuClock;
            if (NativeMethods.clock_gettime(clock, out var spec) == 0)
            {
                return TimeSpan.FromTicks((spec.Seconds * TimeSpan.TicksPerSecond) + (spec.Nanoseconds / 100));
            }
        }
        else if (OperatingSystem.IsWindows()
            && NativeMethods.GetThreadTimes(NativeMethods.GetCurrentThread(), out _, out _, out var kernel, out var user))
        {
            return TimeSpan.FromTicks(kernel + user);
        }

        return Process.GetCurrentProcess().TotalProcessorTime;
    }

    private const int LinuxThreadCpuClock = 3;   // CLOCK_THREAD_CPUTIME_ID
    private const int MacThreadCpuClock = 16;    // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "clock_gettime")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int clock_gettime(int clockId, out Timespec time);

        [DllImport("kernel32.dll")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        public static extern IntPtr GetCurrentThread();

        [DllImport("kernel32.dll")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        public static extern bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
    }
}
