using IssueSync.Worker.Connections;
using IssueSync.Worker.Connections.Locks;
using IssueSync.Worker.Diagnostics;
using IssueSync.Worker.Hosting;
using IssueSync.Worker.Messaging;
using IssueSync.Worker.Metadata;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Pipeline;
using IssueSync.Worker.Retention;
using MassTransit;
using Medallion.Threading;
using Medallion.Threading.Postgres;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Formatting.Compact;

namespace Microsoft.Extensions.Hosting;

public static class WorkerHostingExtensions
{
    /// <summary>
    /// Everything the worker host runs: options (validated at start), persistence, the Atlassian client, token
    /// refresh under a distributed lock, the pipeline, the retry dispatcher, MassTransit and health checks.
    /// Tests call the same method, so they see what production sees.
    /// </summary>
    public static IHostApplicationBuilder AddIssueSyncWorker(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configureBus = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<WorkerOptions>()
            .BindConfiguration(WorkerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();

        services.AddIssueSyncPersistence();
        // Registered before Data Protection, whose hosted service reads the key ring from the migrated tables.
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
        builder.AddIssueSyncDataProtection();
        services.AddAtlassianJira(builder.Configuration.GetSection(IssueSync.Jira.AtlassianOptions.SectionName));
        services.AddSingleton<IValidateOptions<IssueSync.Jira.AtlassianOptions>, AtlassianTransportValidator>();
        services.AddTransient<JiraRequestMetricsHandler>();
        services.AddHttpClient(nameof(IssueSync.Jira.Rest.IJiraCloudClient)).AddHttpMessageHandler<JiraRequestMetricsHandler>();
        services.AddHttpClient(nameof(IssueSync.Jira.OAuth.IAtlassianOAuthClient)).AddHttpMessageHandler<JiraRequestMetricsHandler>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddMetrics();
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<IDistributedLockProvider>(sp => CreateLockProvider(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));

        services.AddIssueSyncLedger();
        services.AddSingleton<TokenProtector>();
        services.AddScoped<AccessTokenService>();
        services.AddSingleton<MetadataFetchGate>();
        services.AddScoped<CreateMetadataCache>();
        services.AddScoped<CommandProcessor>();
        services.AddScoped<OutcomeRecorder>();
        services.AddScoped<ResultPublisher>();
        services.AddScoped<RejectedMessageStore>();
        services.AddSingleton<DatabaseOutageMonitor>();
        services.AddSingleton<RejectedMessageObserver>();
        services.AddSingleton<RetryDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<RetryDispatcher>());
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProducerOptions>().BindConfiguration(ProducerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProducerOptions>, ProducerOptionsValidator>();
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());

        services.AddIssueSyncMassTransit(builder.Configuration, configureBus);
        services.AddIssueSyncAdmin();
        services.AddIssueSyncConsole();
        services.AddIssueSyncSurfaces();
        services.AddIssueSyncObservability(builder.Configuration, "issuesync-worker");

        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddDbContextCheck<IssueSyncDbContext>("database", tags: ["ready"]);

        // preserveStaticLogger: each host gets its own logger, so several hosts in one process (the demo, the
        // tests, the benchmark) never write through each other's sinks via the static Log.Logger.
        services.AddSerilog((sp, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(sp)
                .Enrich.FromLogContext()
                // Read raw, not through the validated options: logging comes up before validation, which reports through it.
                .Enrich.WithProperty("Replica", builder.Configuration[$"{WorkerOptions.SectionName}:{nameof(WorkerOptions.ReplicaName)}"] ?? Environment.MachineName);
            var json = builder.Configuration.GetValue("Logging:Json", false);
            if (builder.Configuration["Logging:File"] is { Length: > 0 } file)
            {
                // The demo keeps the console for its own display and sends the worker's log to a file.
                logger.WriteTo.File(new RenderedCompactJsonFormatter(), file);
            }
            else if (json)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
            }
        }, preserveStaticLogger: true);

        return builder;
    }

    private static IServiceCollection AddIssueSyncMassTransit(this IServiceCollection services, IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? configureBus)
    {
        var options = configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>() ?? new WorkerOptions();
        services.AddMassTransit(x =>
        {
            // MassTransit 8.5 reports usage to masstransit.io by default; the worker talks to nothing it was not told to.
            x.DisableUsageTelemetry();
            x.SetKebabCaseEndpointNameFormatter();
            x.AddConsumer<CreateIssueConsumer, CreateIssueConsumerDefinition>();
            x.AddReceiveObserver(sp => sp.GetRequiredService<RejectedMessageObserver>());
            configureBus?.Invoke(x);

            if (options.Transport == TransportKind.RabbitMq)
            {
                x.AddConfigureEndpointsCallback((context, name, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    {
                        var worker = context.GetRequiredService<IOptions<WorkerOptions>>().Value;
                        rabbit.SetQuorumQueue(worker.RabbitMq.QuorumReplicas);
                        // A message redelivered this often (every worker that took it died) goes to the error queue
                        // instead of going round for ever.
                        rabbit.SetQueueArgument("x-delivery-limit", worker.RabbitMq.DeliveryLimit);
                        rabbit.SetQueueArgument("x-dead-letter-exchange", name + "_error");
                    }
                });
                x.UsingRabbitMq((context, cfg) =>
                {
                    var worker = context.GetRequiredService<IOptions<WorkerOptions>>().Value;
                    cfg.Host(worker.RabbitMq.Uri ?? throw new InvalidOperationException("IssueSync:RabbitMq:Uri is not set."));
                    cfg.ConfigureJsonSerializerOptions(LimitJsonDepth);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.ConfigureJsonSerializerOptions(LimitJsonDepth);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
            o.ConsumerStopTimeout = TimeSpan.FromSeconds(20);
        });
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(40));
        return services;
    }

    /// <summary>
    /// Nesting deeper than this is refused while the message is read (a readable JsonException naming the path), before
    /// any of it becomes objects. Deep enough for any real ADF description; the ADF validator has its own, stricter caps.
    /// </summary>
    public const int MaxJsonDepth = 128;

    private static System.Text.Json.JsonSerializerOptions LimitJsonDepth(System.Text.Json.JsonSerializerOptions options)
    {
        options.MaxDepth = MaxJsonDepth;
        return options;
    }

    private static IDistributedLockProvider CreateLockProvider(DatabaseOptions database) => database.Provider switch
    {
        DatabaseProvider.Postgres => new PostgresDistributedSynchronizationProvider(database.ConnectionString),
        DatabaseProvider.SqlServer => new SqlServerAppLockProvider(database.ConnectionString),
        _ => new InProcessLockProvider(),
    };

    /// <summary>
    /// The public surface: the OAuth callback (rate limited), /health/live (the process only: a broker outage must not
    /// restart pods) and /health/ready (database, bus). The operator surface (Surfaces:OperatorPort): the admin API, the
    /// operator console (/console) and /metrics.
    /// </summary>
    public static WebApplication MapIssueSyncWorker(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        app.UseIssueSyncSurfaces();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapIssueSyncAdmin();
        app.MapIssueSyncConsole().OnOperatorSurface();
        app.MapPrometheusScrapingEndpoint("/metrics").OnOperatorSurface();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthReportWriter.WriteAsync });
        return app;
    }
}
