using System.Reflection;
using EsgTrace.EventSourcing;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using NodaTime;
using Xunit;

namespace EsgTrace.Grains.Tests.EventSourcing;

/// <summary>The stored event names: every event type of every event-sourced grain has one, unique, and unknown names fail clearly.</summary>
public sealed class EventTypesTests
{
    private static readonly Assembly GrainAssembly = typeof(SupplierGrain).Assembly;

    [Fact]
    public void EveryEventTypeOfEveryJournal_IsRegistered_UnderAUniqueName()
    {
        var registries = Registries();
        var families = GrainAssembly.GetTypes()
            .Where(t => typeof(Grain).IsAssignableFrom(t))
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic))
            .Select(f => f.FieldType)
            .Where(t => t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(EventJournal<,>) || t.GetGenericTypeDefinition() == typeof(LogJournal<,>)))
            .Select(t => t.GetGenericArguments()[1])
            .Distinct()
            .ToList();

        // Supplier, lot, shipment, product, batch, claim, workload, green-IT action, vocabulary element (master data),
        // request to a supplier.
        Assert.Equal(10, families.Count);
        foreach (var family in families)
        {
            Assert.True(registries.TryGetValue(family, out var names), $"No EventTypes<{family.Name}> registry for the journal of {family.Name}.");
            var concrete = family.Assembly.GetTypes().Where(t => family.IsAssignableFrom(t) && !t.IsAbstract).ToList();
            Assert.All(concrete, t => Assert.True(names.Values.Contains(t), $"{t.Name} has no stored name in the {family.Name} registry."));
        }

        var all = registries.Values.SelectMany(n => n.Keys).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void StoredNames_AreTheNamesWrittenBeforeTheRegistry()
    {
        // Rows written before the registry carry each class's simple name at the time; these must stay readable as they are.
        Assert.Equal(
            ["CertificateAdded", "SupplierEdited", "SupplierRegistered"],
            SupplierEventTypes.All.Names.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["LotCertificationLinked", "LotCertificationUnlinked", "LotCorrected", "LotLegRecorded", "LotLegRemoved", "LotRecorded"],
            LotEventTypes.All.Names.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["ShipmentCorrected", "ShipmentRecorded", "ShipmentWithdrawn"], ShipmentEventTypes.All.Names.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["ClaimApproved", "ClaimChecked", "ClaimDrafted", "ClaimPublished", "ClaimStatusChanged", "ClaimWithdrawn"],
            Claims.ClaimEventTypes.All.Names.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["UsageLogged", "UsageRecorded", "WorkloadDefined"], GreenIt.WorkloadEventTypes.All.Names.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["GreenItActionRecorded"], GreenIt.GreenItActionEventTypes.All.Names.Keys);
        Assert.Equal(["ProductDefined"], ProductEventTypes.All.Names.Keys);
        Assert.Equal(["BatchRecorded", "BatchWithdrawn"], BatchEventTypes.All.Names.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnUnknownStoredName_FailsNamingTheNameTheStreamAndTheVersion()
    {
        var row = new RecordedEvent("supplier/x", 3, "SupplierRenamed", Instant.FromUtc(2026, 1, 1, 0, 0), "{}"u8.ToArray());

        var ex = Assert.Throws<InvalidDataException>(() => SupplierEventTypes.All.Decode(row));

        Assert.Contains("'SupplierRenamed'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("version 3 of stream 'supplier/x'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SupplierRegistered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnregisteredEventType_IsNeverStored()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SupplierEventTypes.All.Encode(new UnregisteredSupplierEvent(Instant.FromUtc(2026, 1, 1, 0, 0), "tester")));
        Assert.Contains(nameof(UnregisteredSupplierEvent), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANameOrTypeRegisteredTwice_IsRefused()
    {
        var types = new EventTypes<SupplierEvent>().Add<SupplierRegistered>("supplier-registered");
        Assert.Throws<ArgumentException>(() => types.Add<SupplierEdited>("supplier-registered"));
        Assert.Throws<ArgumentException>(() => types.Add<SupplierRegistered>("another-name"));
    }

    private static Dictionary<Type, IReadOnlyDictionary<string, Type>> Registries()
        => GrainAssembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public))
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(EventTypes<>))
            .ToDictionary(f => f.FieldType.GetGenericArguments()[0], f => (IReadOnlyDictionary<string, Type>)f.FieldType.GetProperty(nameof(EventTypes<SupplierEvent>.Names))!.GetValue(f.GetValue(null))!);

    private sealed record UnregisteredSupplierEvent(Instant At, string Actor) : SupplierEvent(At, Actor);
}
