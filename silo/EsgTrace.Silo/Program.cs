using Microsoft.Extensions.Hosting;

// A standalone EsgTrace silo: for a real cluster, with portals connecting as Orleans clients (Cluster:Mode=Client).
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddEsgTraceSilo(builder.Configuration));
builder.Build().Run();
