using NotificationOps.Dashboard;
using NotificationOps.Engine;

var builder = WebApplication.CreateBuilder(args);
builder.AddNotificationEngine();
builder.AddDashboard();

var app = builder.Build();
app.UseNotificationErrors();
app.UseDashboard();
app.UseNotificationEngine();
app.MapNotificationEngine();
app.MapDashboard();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
