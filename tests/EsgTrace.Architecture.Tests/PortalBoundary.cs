using System.Reflection;
using NetArchTest.Rules;

namespace EsgTrace.Architecture.Tests;

/// <summary>What only silos may use, and which types of an assembly use it.</summary>
public static class PortalBoundary
{
    /// <summary>
    /// Hosting types every process uses alike, which touch neither grains nor storage: the OpenTelemetry wiring (the
    /// portal and the silo export the same traces and metrics).
    /// </summary>
    private static readonly HashSet<string> Shared = ["EsgTrace.Hosting.Telemetry.TelemetryServiceCollectionExtensions", "EsgTrace.Hosting.Telemetry.TelemetryOptions"];

    /// <summary>Namespaces of libraries only silos use: the Azure SDK and SQLite.</summary>
    private static readonly string[] SiloOnlyNamespaces = ["Azure", "Microsoft.Data.Sqlite"];

    /// <summary>
    /// Every type of the grain implementations (grains, their state, the storage seams) and of the silo hosting (storage
    /// backends, providers), by full name, plus the Azure SDK and SQLite namespaces.
    /// </summary>
    public static string[] SiloOnlyTypes()
    {
        var assemblies = new[] { typeof(EsgTrace.SupplyChain.ShipmentGrain).Assembly, typeof(Orleans.Hosting.EsgTraceSiloBuilderExtensions).Assembly };
        return assemblies.SelectMany(a => a.GetTypes())
            .Where(t => !t.IsNested && t.FullName is { } name && !name.StartsWith('<') && !IsGenerated(t) && !Shared.Contains(name))
            .Select(t => t.FullName!)
            .Concat(SiloOnlyNamespaces)
            .ToArray();
    }

    /// <summary>Full names of the types of <paramref name="assembly"/> (but the composition roots <paramref name="composition"/>) that use silo-only types.</summary>
    public static IReadOnlyList<string> Violations(Assembly assembly, params string[] composition)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(SiloOnlyTypes()).GetResult();
        return result.IsSuccessful
            ? []
            : result.FailingTypes.Select(t => t.FullName).Where(n => !composition.Any(c => n == c || n.StartsWith(c + "/", StringComparison.Ordinal))).ToList();
    }

    // Orleans' generated code (OrleansCodeGen.*) serialises silo types but is not something a developer wrote against them.
    private static bool IsGenerated(Type t) => t.Namespace?.StartsWith("OrleansCodeGen", StringComparison.Ordinal) == true;
}
