var builder = WebApplication.CreateBuilder(args);
builder.AddJiraSimulator();
var app = builder.Build();
app.MapJiraSimulator();
app.Run();
