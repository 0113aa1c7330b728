using IssueSync.Cli;

return await CliApp.RunAsync(args);
