using EsgTrace.Hosting;
using EsgTrace.Hosting.Telemetry;
using Microsoft.Extensions.Hosting;

// A standalone EsgTrace silo: for a real cluster, with portals connecting as Orleans clients (Cluster:Mode=Client).
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.UseOrleans(silo => silo.AddEsgTraceSilo(builder.Configuration));
    // Traces and metrics leave a standalone silo by OTLP (OpenTelemetry:OtlpEndpoint or OTEL_EXPORTER_OTLP_ENDPOINT); it serves no HTTP.
    builder.Services.AddEsgTraceTelemetry(builder.Configuration, "esgtrace-silo");
    builder.Build().Run();
    return 0;
}
catch (StartupConfigurationException ex)
{
    Console.Error.WriteLine("EsgTrace silo cannot start: " + ex.Message);
    return 2;
}
