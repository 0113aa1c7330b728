using System.Globalization;

namespace IssueSync.Jira.Adf;

/// <summary>The cooperative time budget of one conversion: callers check it between units of work.</summary>
internal sealed class ConversionDeadline(TimeProvider time, TimeSpan budget)
{
    private const int StepsBetweenClockReads = 256;
    private readonly long _start = time.GetTimestamp();
    private int _steps;

    /// <summary>Counts one unit of work and, every few hundred, reads the clock.</summary>
    public void Step()
    {
        if (++_steps % StepsBetweenClockReads == 0)
        {
            Check();
        }
    }

    /// <summary>Refuses the conversion if the budget is spent.</summary>
    public void Check()
    {
        if (time.GetElapsedTime(_start) > budget)
        {
            throw new AdfConversionRefusedException(AdfConversionFailure.TimedOut, string.Create(CultureInfo.InvariantCulture,
                $"Converting the description took longer than its {budget.TotalSeconds:0.##} s budget, so it was stopped. Simplify the description or send it as ADF."));
        }
    }
}
