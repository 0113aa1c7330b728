using System.Text.RegularExpressions;
using IssueSync.Jira;
using IssueSync.Worker.Admin;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Retention;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Hosting;

/// <summary>A start-up failure an operator fixes by changing one setting: the setting's key, and what is wrong.</summary>
public sealed class StartupException : Exception
{
    public StartupException()
    {
    }

    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StartupException(string setting, string problem, Exception? innerException)
        : base($"{setting}: {problem}", innerException) => Setting = setting;

    public string? Setting { get; }
}

/// <summary>
/// Turns what stops the worker at start (invalid options, a database it cannot reach, a certificate it cannot load)
/// into lines naming each setting, for the console: an operator reads them, not a stack trace.
/// </summary>
public static partial class StartupFailure
{
    private static readonly Dictionary<Type, string> Sections = new()
    {
        [typeof(WorkerOptions)] = WorkerOptions.SectionName,
        [typeof(AtlassianOptions)] = AtlassianOptions.SectionName,
        [typeof(DatabaseOptions)] = DatabaseOptions.SectionName,
        [typeof(AdminOptions)] = AdminOptions.SectionName,
        [typeof(SurfaceOptions)] = SurfaceOptions.SectionName,
        [typeof(RetentionOptions)] = RetentionOptions.SectionName,
    };

    /// <summary>The problems to print, or null when the failure is not a configuration problem (then it is a bug: let it crash loudly).</summary>
    public static IReadOnlyList<string>? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case AggregateException aggregate:
                var inner = aggregate.Flatten().InnerExceptions.Select(Describe).ToList();
                return inner.All(d => d is not null) ? inner.SelectMany(d => d!).Distinct(StringComparer.Ordinal).ToList() : null;
            case OptionsValidationException invalid:
                return invalid.Failures.Select(f => Format(invalid.OptionsType, f)).ToList();
            case StartupException startup:
                return [startup.Message];
            default:
                return exception.InnerException is { } cause && Describe(cause) is { } described ? described : null;
        }
    }

    /// <summary>
    /// Validates every options type of the worker, so that one start names every bad setting (the host alone stops at
    /// the first options type that fails).
    /// </summary>
    public static void ValidateAll(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var failures = new List<Exception>();
        foreach (var read in new Func<object>[]
        {
            () => services.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            () => services.GetRequiredService<IOptions<WorkerOptions>>().Value,
            () => services.GetRequiredService<IOptions<AtlassianOptions>>().Value,
            () => services.GetRequiredService<IOptions<AdminOptions>>().Value,
            () => services.GetRequiredService<IOptions<SurfaceOptions>>().Value,
            () => services.GetRequiredService<IOptions<RetentionOptions>>().Value,
        })
        {
            try
            {
                read();
            }
            catch (OptionsValidationException ex)
            {
                failures.Add(ex);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException(failures);
        }
    }

    /// <summary>Writes the problems and returns the exit status (1).</summary>
    public static int Report(IReadOnlyList<string> problems, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine("IssueSync cannot start:");
        foreach (var problem in problems)
        {
            error.WriteLine($"  - {problem}");
        }

        return 1;
    }

    // "DataAnnotation validation failed for 'WorkerOptions' members: 'ConcurrencyLimit' with the error: '…'." names the
    // member; the operator sets "IssueSync:ConcurrencyLimit".
    private static string Format(Type optionsType, string failure)
    {
        var section = Sections.GetValueOrDefault(optionsType, optionsType.Name);
        var annotation = DataAnnotationFailure().Match(failure);
        return annotation.Success ? $"{section}:{annotation.Groups["member"].Value}: {annotation.Groups["error"].Value}" : failure;
    }

    [GeneratedRegex("members: '(?<member>[^']+)' with the error: '(?<error>.*)'\\.?$")]
    private static partial Regex DataAnnotationFailure();
}
