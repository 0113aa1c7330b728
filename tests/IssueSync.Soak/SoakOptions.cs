using System.Globalization;

namespace IssueSync.Soak;

/// <summary>The command line of the soak (tests/soak.sh passes it through), with the defaults of each mode.</summary>
public sealed record SoakOptions
{
    public const string Usage = """
        usage: IssueSync.Soak [--quick | --full] [--commands N] [--seed S] [--rate PER_SECOND] [--workers N]
                              [--kill-every SECONDS] [--drain-timeout SECONDS] [--services-script tests/services.sh]
          --quick            about 2,000 commands (the default)
          --full             20,000 commands, more kills and restarts
          --commands N       how many distinct commands to publish
          --seed S           makes the run reproducible (commands, kills, restarts, faults); random when absent
          --services-script  tests/services.sh, when it started RabbitMQ and PostgreSQL for this run (needed to restart them)
        Services: ISSUESYNC_TEST_RABBITMQ (amqp URI) and ISSUESYNC_TEST_POSTGRES (Npgsql connection string).
        """;

    public required string Mode { get; init; }

    public required int Commands { get; init; }

    public required int Seed { get; init; }

    /// <summary>Commands published per second.</summary>
    public required double Rate { get; init; }

    public int Workers { get; init; } = 3;

    /// <summary>AMQP connections the commands are published over.</summary>
    public int PublisherConnections { get; init; } = 4;

    /// <summary>Mean time between worker kills.</summary>
    public required TimeSpan KillEvery { get; init; }

    /// <summary>How many times RabbitMQ and PostgreSQL are each restarted (one of all the restarts is abrupt at least).</summary>
    public required int ServiceRestarts { get; init; }

    /// <summary>How long the system gets, after the last command and the last fault, to answer everything.</summary>
    public required TimeSpan DrainTimeout { get; init; }

    public string? ServicesScript { get; init; }

    public required Uri RabbitMqUri { get; init; }

    public required string PostgresConnectionString { get; init; }

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a readable message on a mistake.</summary>
    public static SoakOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var mode = "quick";
        int? commands = null, seed = null, workers = null;
        double? rate = null, killEvery = null, drain = null;
        string? servicesScript = null;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick": mode = "quick"; break;
                case "--full": mode = "full"; break;
                case "--commands": commands = PositiveInt("--commands", Value()); break;
                case "--seed": seed = Int("--seed", Value()); break;
                case "--rate": rate = PositiveNumber("--rate", Value()); break;
                case "--workers": workers = PositiveInt("--workers", Value()); break;
                case "--kill-every": killEvery = PositiveNumber("--kill-every", Value()); break;
                case "--drain-timeout": drain = PositiveNumber("--drain-timeout", Value()); break;
                case "--services-script": servicesScript = Value(); break;
                case "--help" or "-h": throw new ArgumentException(Usage);
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }

        var rabbit = environment("ISSUESYNC_TEST_RABBITMQ");
        var postgres = environment("ISSUESYNC_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(rabbit) || string.IsNullOrWhiteSpace(postgres))
        {
            throw new ArgumentException("Set ISSUESYNC_TEST_RABBITMQ (amqp://user:pass@host:port/) and ISSUESYNC_TEST_POSTGRES (an Npgsql connection string), " +
                "or run tests/soak.sh, which starts both.");
        }

        if (!Uri.TryCreate(rabbit, UriKind.Absolute, out var rabbitUri) || rabbitUri.Scheme != "amqp")
        {
            throw new ArgumentException($"ISSUESYNC_TEST_RABBITMQ '{rabbit}' is not an amqp:// URI.");
        }

        var full = mode == "full";
        return new SoakOptions
        {
            Mode = mode,
            Commands = commands ?? (full ? 20_000 : 2_000),
            Seed = seed ?? Random.Shared.Next(1, 1_000_000),
            Rate = rate ?? (full ? 10 : 12),
            Workers = workers ?? 3,
            KillEvery = TimeSpan.FromSeconds(killEvery ?? 15),
            ServiceRestarts = full ? 3 : 1,
            DrainTimeout = TimeSpan.FromSeconds(drain ?? (full ? 900 : 180)),
            ServicesScript = servicesScript,
            RabbitMqUri = rabbitUri,
            PostgresConnectionString = postgres,
        };
    }

    private static int Int(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{option} takes a whole number, not '{value}'.");

    private static int PositiveInt(string option, string value) =>
        Int(option, value) is var n and > 0 ? n : throw new ArgumentException($"{option} must be at least 1, not '{value}'.");

    private static double PositiveNumber(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option} takes a positive number, not '{value}'.");
}
