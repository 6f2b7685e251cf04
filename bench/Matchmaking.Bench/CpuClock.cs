using System.Runtime.InteropServices;

namespace Matchmaking.Bench;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime). On a shared machine wall-clock latency
/// includes time spent waiting for a core; CPU time shows what the query itself costs.
/// </summary>
internal static partial class CpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static bool Available { get; } = OperatingSystem.IsLinux() && Try(out _);

    private static bool Try(out double ms)
    {
        try
        {
            ms = ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? t.Seconds * 1e3 + t.Nanoseconds / 1e6 : double.NaN;
            return !double.IsNaN(ms);
        }
        catch (DllNotFoundException)
        {
            ms = double.NaN;
            return false;
        }
    }

    /// <summary>Thread CPU milliseconds, or NaN where unavailable.</summary>
    public static double ThreadMilliseconds() => Available && Try(out var ms) ? ms : double.NaN;

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
