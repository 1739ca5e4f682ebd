using EsgTrace.Hosting;
using Microsoft.Extensions.Hosting;

// A standalone EsgTrace silo: for a real cluster, with portals connecting as Orleans clients (Cluster:Mode=Client).
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.UseOrleans(silo => silo.AddEsgTraceSilo(builder.Configuration));
    builder.Build().Run();
    return 0;
}
catch (StartupConfigurationException ex)
{
    Console.Error.WriteLine("EsgTrace silo cannot start: " + ex.Message);
    return 2;
}
