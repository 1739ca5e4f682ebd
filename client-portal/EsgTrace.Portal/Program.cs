using EsgTrace.Portal.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddEsgTracePlatform();

var app = builder.Build();
app.MapEsgTracePlatform();
app.Run();

/// <summary>The portal's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
