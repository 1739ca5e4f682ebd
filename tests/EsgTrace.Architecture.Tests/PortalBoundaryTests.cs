using Xunit;
using System.Reflection;
using NetArchTest.Rules;

namespace EsgTrace.Architecture.Tests;

/// <summary>
/// The portal talks to grains through their interfaces only. In Client mode it runs without a silo, so a portal type that
/// used a grain implementation, a storage seam (IBlobStore, ITableStore, …), the Azure SDK or SQLite would work in the
/// embedded default and fail in production (as EPCIS capture once did). The one exception is the hosting extension
/// that composes the co-hosted silo of the embedded default.
/// </summary>
public sealed class PortalBoundaryTests
{
    // The composition roots: the hosting extension that composes the co-hosted silo, and the entry point (which turns a
    // start-up configuration problem into a one-line message).
    private const string Composition = "EsgTrace.Portal.Extensions.OrleansHostingExtensions";
    private const string EntryPoint = "Program";

    [Fact]
    public void Portal_types_use_grains_only_through_their_interfaces()
    {
        var failing = PortalBoundary.Violations(typeof(EsgTrace.Portal.Extensions.OrleansHostingExtensions).Assembly, Composition, EntryPoint);

        Assert.True(failing.Count == 0, "Portal types outside the silo composition use silo-only types: " + string.Join(", ", failing)
            + ". Reach grains through EsgTrace.Contracts (grain interfaces), or move the composition into " + Composition + ".");
    }

    [Fact]
    public void The_rule_catches_an_endpoint_that_takes_a_storage_seam()
    {
        // The shape of the EPCIS capture endpoint before documents were staged through a grain: IBlobStore as a parameter.
        var failing = PortalBoundary.Violations(typeof(ForbiddenShapes).Assembly);

        Assert.Contains(Name(typeof(ForbiddenShapes.CaptureThroughBlobStore)), failing);
        Assert.Contains(Name(typeof(ForbiddenShapes.ReadsAGrainImplementationHelper)), failing);
        Assert.Contains(Name(typeof(ForbiddenShapes.UsesTheAzureSdk)), failing);
        Assert.DoesNotContain(Name(typeof(ForbiddenShapes.UsesAGrainInterface)), failing);
    }

    // NetArchTest names nested types with '/', reflection with '+'.
    private static string Name(Type t) => t.FullName!.Replace('+', '/');

    [Fact]
    public void Contracts_and_domain_do_not_depend_on_grain_implementations_or_storage()
    {
        var forbidden = PortalBoundary.SiloOnlyTypes();
        foreach (var assembly in new[] { typeof(EsgTrace.Domain.Outcome<>).Assembly, typeof(EsgTrace.Claims.ClaimEvaluator).Assembly })
        {
            var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
            Assert.True(result.IsSuccessful, $"{assembly.GetName().Name} depends on silo-only types: " + string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []));
        }
    }
}
