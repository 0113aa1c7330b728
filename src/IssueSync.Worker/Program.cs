var builder = WebApplication.CreateBuilder(args);
builder.Services.AddIssueSyncPersistence();
var app = builder.Build();
await app.RunAsync();
