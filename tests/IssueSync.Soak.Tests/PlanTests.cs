namespace IssueSync.Soak.Tests;

public sealed class PlanTests
{
    private static SoakOptions Options(params string[] args) => SoakOptions.Parse(args, name => name switch
    {
        "ISSUESYNC_TEST_RABBITMQ" => "amqp://guest:guest@127.0.0.1:1/",
        "ISSUESYNC_TEST_POSTGRES" => "Host=127.0.0.1;Port=1",
        _ => null,
    });

    [Fact]
    public void The_same_seed_makes_the_same_plan_and_another_seed_another()
    {
        var first = SoakPlan.Create(Options("--commands", "500", "--seed", "42"));
        var again = SoakPlan.Create(Options("--commands", "500", "--seed", "42"));
        var other = SoakPlan.Create(Options("--commands", "500", "--seed", "43"));

        Assert.Equal(Describe(first), Describe(again));
        Assert.NotEqual(Describe(first), Describe(other));
    }

    [Fact]
    public void About_five_percent_are_invalid_and_three_percent_published_twice_each_double_after_its_first_publish()
    {
        var plan = SoakPlan.Create(Options("--commands", "4000", "--seed", "7"));

        Assert.InRange(plan.Commands.Count(c => !c.IsValid), 150, 250);
        Assert.InRange(plan.Commands.Count(c => c.Doubled), 80, 160);
        Assert.Equal(plan.Commands.Count + plan.Commands.Count(c => c.Doubled), plan.Publishes.Count);
        foreach (var doubled in plan.Commands.Where(c => c.Doubled))
        {
            var publishes = plan.Publishes.Select((p, i) => (p, i)).Where(x => x.p.Command.Key == doubled.Key).ToList();
            Assert.Equal(2, publishes.Count);
            Assert.False(publishes[0].p.IsRepeat);
            Assert.True(publishes[1].p.IsRepeat);
        }

        Assert.All(CommandFactory.InvalidKinds, kind => Assert.Contains(plan.Commands, c => c.Invalid == kind));
    }

    [Fact]
    public void The_schedule_kills_workers_restarts_both_services_one_of_them_abruptly_and_revokes_one_grant()
    {
        var plan = SoakPlan.Create(Options("--quick", "--seed", "3"));

        Assert.InRange(plan.Schedule.Count(a => a.Kind == ChaosKind.KillWorker), 8, 20);
        Assert.Single(plan.Schedule, a => a.Kind == ChaosKind.RestartRabbitMq);
        Assert.Single(plan.Schedule, a => a.Kind == ChaosKind.RestartPostgres);
        Assert.Contains(plan.Schedule, a => a.Kind is ChaosKind.RestartRabbitMq or ChaosKind.RestartPostgres && a.Argument == 1);
        Assert.Single(plan.Schedule, a => a.Kind == ChaosKind.RevokeGrant);
        Assert.All(plan.Schedule.Where(a => a.Kind == ChaosKind.KillWorker), a => Assert.InRange(a.Argument, 0, 2));
    }

    [Fact]
    public void Invalid_commands_go_through_an_account_that_reaches_the_site_their_mistake_is_made_on()
    {
        var plan = SoakPlan.Create(Options("--commands", "3000", "--seed", "5"));

        Assert.All(plan.Commands.Where(c => !c.IsValid), c =>
            Assert.Contains(SoakSite.Acme, SoakAccount.All.Single(a => a.Connection == c.Command.ConnectionId).Sites));
    }

    [Theory]
    [InlineData("--commands", "0")]
    [InlineData("--rate", "fast")]
    [InlineData("--what")]
    public void A_bad_option_is_refused_with_a_readable_message(params string[] args)
    {
        var refused = Assert.Throws<ArgumentException>(() => Options(args));
        Assert.DoesNotContain("   at ", refused.Message, StringComparison.Ordinal);
    }

    private static string Describe(SoakPlan plan) =>
        string.Join("\n", plan.Publishes.Select(p => $"{p.Command.Key} {p.Lane} {p.At.TotalMilliseconds:0} {p.Command.Describe()} {p.Command.Command.Summary}"))
        + string.Join("\n", plan.Schedule.Select(a => $"{a.Kind} {a.At.TotalMilliseconds:0} {a.Argument}"));
}
