using IssueSync.Benchmarks;

return await Benchmark.RunAsync(BenchmarkOptions.Parse(args));
