namespace IssueSync.Soak;

/// <summary>
/// Everything a seed decides, made before the run starts: the commands (which are invalid and how, which are
/// published twice), the order they are published in, and the schedule of kills, service restarts, fault changes
/// and the grant revocation. The same seed and options give the same plan.
/// </summary>
public sealed class SoakPlan
{
    public const double InvalidShare = 0.05;
    public const double DoubledShare = 0.03;

    private SoakPlan(SoakOptions options, string keyPrefix, List<PlannedCommand> commands, List<PlannedPublish> publishes, List<ChaosAction> schedule)
    {
        Options = options;
        KeyPrefix = keyPrefix;
        Commands = commands;
        Publishes = publishes;
        Schedule = schedule;
    }

    public SoakOptions Options { get; }

    /// <summary>Every key of this run starts with it (<c>s42-</c>).</summary>
    public string KeyPrefix { get; }

    public IReadOnlyList<PlannedCommand> Commands { get; }

    /// <summary>The publish order, doubles included: each entry is a command, the AMQP connection and the time offset.</summary>
    public IReadOnlyList<PlannedPublish> Publishes { get; }

    /// <summary>Kills, restarts, fault changes and the revocation, by time from the first publish.</summary>
    public IReadOnlyList<ChaosAction> Schedule { get; }

    public TimeSpan PublishDuration => TimeSpan.FromSeconds(Commands.Count / Options.Rate);

    /// <summary>The end of the chaos: kills go on a little after the last publish.</summary>
    public TimeSpan ChaosEnd => PublishDuration + TimeSpan.FromSeconds(15);

    /// <summary>The seed of the simulator's fault RNG at the n-th fault change.</summary>
    public int FaultSeed(int change) => unchecked((Options.Seed * 7919) + change);

    /// <summary>A plan of exactly these commands, each published once, without chaos (for the verdict's tests).</summary>
    internal static SoakPlan FromCommands(SoakOptions options, IReadOnlyList<PlannedCommand> commands) =>
        new(options, "s1-", [.. commands], [.. commands.Select(c => new PlannedPublish(c, 0, TimeSpan.Zero, false))], []);

    public static SoakPlan Create(SoakOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var keyPrefix = $"s{options.Seed}-";
        var factory = new CommandFactory(random, keyPrefix);
        var accounts = SoakAccount.All;
        var commands = new List<PlannedCommand>(options.Commands);
        for (var i = 1; i <= options.Commands; i++)
        {
            var account = accounts[random.Next(accounts.Count)];
            // Invalid commands are made in acme's projects, so they go through an account that reaches acme.
            var command = random.NextDouble() < InvalidShare
                ? factory.Invalid(i, account.Sites.Contains(SoakSite.Acme) ? account : accounts[0], CommandFactory.InvalidKinds[random.Next(CommandFactory.InvalidKinds.Count)])
                : factory.Valid(i, account);
            commands.Add(random.NextDouble() < DoubledShare ? command with { Doubled = true } : command);
        }

        var publishes = PublishOrder(commands, options, random);
        var plan = new SoakPlan(options, keyPrefix, commands, publishes, []);
        plan = new SoakPlan(options, keyPrefix, commands, publishes, ChaosSchedule(plan, random));
        return plan;
    }

    // Commands go out at the planned rate; a doubled one is published again 0–60 places later.
    private static List<PlannedPublish> PublishOrder(List<PlannedCommand> commands, SoakOptions options, Random random)
    {
        var sequence = commands.Select((c, i) => (Position: (double)i, Command: c, Repeat: false)).ToList();
        foreach (var doubled in commands.Select((c, i) => (c, i)).Where(x => x.c.Doubled).ToList())
        {
            sequence.Add((doubled.i + random.Next(0, 60) + 0.5, doubled.c, true));
        }

        var ordered = sequence.OrderBy(s => s.Position).ToList();
        var interval = 1.0 / options.Rate;
        return [.. ordered.Select((s, n) => new PlannedPublish(s.Command, random.Next(options.PublisherConnections), TimeSpan.FromSeconds(n * interval * commands.Count / ordered.Count), s.Repeat))];
    }

    private static List<ChaosAction> ChaosSchedule(SoakPlan plan, Random random)
    {
        var options = plan.Options;
        var publish = plan.PublishDuration;
        var actions = new List<ChaosAction>();

        // A worker killed with SIGKILL every ~KillEvery (±40 %), started again 1–3 s later.
        var at = TimeSpan.FromSeconds(8);
        while (at < plan.ChaosEnd)
        {
            actions.Add(new ChaosAction(at, ChaosKind.KillWorker, random.Next(options.Workers), TimeSpan.FromSeconds(1 + (random.NextDouble() * 2))));
            at += options.KillEvery * (0.6 + (random.NextDouble() * 0.8));
        }

        // RabbitMQ and PostgreSQL restarts spread over the publishing; at least one of them abrupt (SIGKILL).
        var restarts = options.ServiceRestarts;
        var abruptOne = random.Next(restarts * 2);
        for (var i = 0; i < restarts * 2; i++)
        {
            var service = i % 2 == 0 ? "rabbitmq" : "postgres";
            var fraction = (i + 1.0) / ((restarts * 2) + 1);
            var abrupt = i == abruptOne || random.NextDouble() < 0.3;
            actions.Add(new ChaosAction(publish * fraction, service == "rabbitmq" ? ChaosKind.RestartRabbitMq : ChaosKind.RestartPostgres, abrupt ? 1 : 0, TimeSpan.Zero));
        }

        // The lost-response mode alternates between 504 and a dropped connection every 20 s.
        var change = 1;
        for (var t = TimeSpan.FromSeconds(20); t < plan.ChaosEnd; t += TimeSpan.FromSeconds(20))
        {
            actions.Add(new ChaosAction(t, ChaosKind.SwitchLostResponseMode, change++, TimeSpan.Zero));
        }

        // One account's grant is revoked at a quarter of the run; it is reconnected once its commands have parked.
        actions.Add(new ChaosAction(publish * 0.25, ChaosKind.RevokeGrant, 0, TimeSpan.Zero));
        return [.. actions.OrderBy(a => a.At)];
    }
}

public sealed record PlannedPublish(PlannedCommand Command, int Lane, TimeSpan At, bool IsRepeat);

public enum ChaosKind
{
    KillWorker,
    RestartRabbitMq,
    RestartPostgres,
    SwitchLostResponseMode,
    RevokeGrant,
}

/// <summary>One scheduled action; <see cref="Argument"/> is the worker index, 1 for an abrupt restart, or the fault change number.</summary>
public sealed record ChaosAction(TimeSpan At, ChaosKind Kind, int Argument, TimeSpan Pause);
