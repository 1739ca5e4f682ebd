using EsgTrace.Hosting;
using EsgTrace.Portal.Extensions;
using EsgTrace.Portal.Services;

try
{
    if (AdminRecoveryCommand.Parse(args) is { } recovery)
    {
        return await AdminRecoveryCommand.RunAsync(recovery.Username, recovery.Configuration, Console.Out, Console.Error);
    }

    var builder = WebApplication.CreateBuilder(args);
    builder.AddEsgTracePlatform();

    var app = builder.Build();
    app.MapEsgTracePlatform();
    app.Run();
    return 0;
}
catch (StartupConfigurationException ex)
{
    Console.Error.WriteLine("EsgTrace cannot start: " + ex.Message);
    return 2;
}

/// <summary>The portal's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
