using System.Globalization;
using EsgTrace.Factors;
using EsgTrace.Units;

namespace EsgTrace.Footprints;

/// <summary>
/// Computes a product's cradle-to-gate carbon footprint per declared unit. Pure: same inputs, same result, to the last decimal
/// (decimal arithmetic, no rounding until display).
/// </summary>
/// <remarks>
/// Version 2 allocates transport by shipped mass (<see cref="TransportAllocation"/>): a material's transport term is its
/// quantity (kg) × its lot's tonne-km per kg × the mode factor. Version 1 charged every unit every leg in full
/// (quantity in t × leg km × factor); it stays here so results computed with it can be reproduced.
/// </remarks>
public static class FootprintCalculator
{
    public const string Version = "footprint/2.0.0";

    /// <summary>The per-leg method of results computed before transport was allocated by shipped mass.</summary>
    public const string LegacyVersion = "footprint/1.0.0";

    public static FootprintResult Calculate(string productId, FootprintInputs inputs) => Calculate(productId, inputs, Version);

    /// <summary>Recomputes a result with the method of <paramref name="version"/> (<see cref="Version"/> or <see cref="LegacyVersion"/>).</summary>
    public static FootprintResult Calculate(string productId, FootprintInputs inputs, string version) => Calculate(productId, inputs, version, null);

    /// <summary>As <see cref="Calculate(string, FootprintInputs, string)"/>, reusing the terms a memo holds (same inputs, same term).</summary>
    public static FootprintResult Calculate(string productId, FootprintInputs inputs, string version, TermMemo? memo) => Calculate(productId, inputs, version, memo, null);

    /// <summary>
    /// As above, also saying where each BOM occurrence's terms are (<paramref name="segments"/>, in order), so a caller can
    /// recompute one material's terms alone (<see cref="MaterialTerms"/>) when only its source changed.
    /// </summary>
    public static FootprintResult Calculate(string productId, FootprintInputs inputs, string version, TermMemo? memo, List<TermSegment>? segments)
    {
        memo?.Next();
        if (version is not (Version or LegacyVersion))
        {
            throw new FootprintException($"Calculator '{version}' is not known; this platform computes {Version} and reproduces {LegacyVersion}.");
        }

        var product = Product(productId, inputs);
        var contributions = new List<FootprintContribution>();
        try
        {
            Accumulate(product, 1m, string.Empty, [productId], inputs, version == LegacyVersion, memo, contributions, segments);
        }
        catch (UnitMismatchException ex)
        {
            throw new FootprintException(ex.Message, ex);
        }
        catch (MissingFactorException ex)
        {
            throw new FootprintException(ex.Message, ex);
        }

        return new FootprintResult(productId, product.DeclaredUnit, contributions.Sum(c => c.KgCo2e), contributions, inputs.Factors.Dataset.Ref, version);
    }

    private static void Accumulate(ProductDefinition product, decimal scale, string path, List<string> chain, FootprintInputs inputs, bool perLeg, TermMemo? memo, List<FootprintContribution> into, List<TermSegment>? segments)
    {
        foreach (var line in product.Bom)
        {
            if (line.QuantityPerUnit.Value < 0)
            {
                throw new FootprintException($"Product '{product.Id}' uses a negative quantity of '{line.Ref}'.");
            }

            if (line.Kind == BomLineKind.SubProduct)
            {
                if (chain.Contains(line.Ref))
                {
                    throw new FootprintException($"The bill of materials has a cycle: {string.Join(" → ", chain.Append(line.Ref))}.");
                }

                var pieces = line.QuantityPerUnit.To(Unit.Piece).Value;
                var sub = Product(line.Ref, inputs);
                Accumulate(sub, scale * pieces, path.Length == 0 ? sub.Id : path + "/" + sub.Id, [.. chain, sub.Id], inputs, perLeg, memo, into, segments);
                continue;
            }

            var material = inputs.Materials.TryGetValue(line.Ref, out var m) ? m : throw new FootprintException($"Product '{product.Id}' uses material '{line.Ref}', which is not known.");
            var start = into.Count;
            if (!perLeg)
            {
                MaterialTerms(material, line.QuantityPerUnit, scale, path, inputs.Factors, memo, into);
                segments?.Add(new TermSegment(material.Id, line.QuantityPerUnit, scale, path, start, into.Count - start));
                continue;
            }

            into.Add(MaterialTerm(material, line.QuantityPerUnit.To(material.Factor.PerUnit).Value * scale, path, memo));
            if (material.Legs.Count > 0)
            {
                var tonnes = line.QuantityPerUnit.To(Unit.Tonne).Value * scale;
                foreach (var leg in material.Legs)
                {
                    var factor = inputs.Factors.TransportFactor(leg.Mode);
                    var km = leg.Distance.To(Unit.Kilometre).Value;
                    into.Add(new FootprintContribution(
                        FootprintStage.Transport, path, $"{material.Name}: {leg.Mode.ToString().ToLowerInvariant()} leg {leg.Id}", material.Id, material.SupplierId, factor.Id, factor.Kind,
                        tonnes * km * factor.KgCo2ePerUnit,
                        Invariant($"{tonnes} t × {km} km × {factor.KgCo2ePerUnit} kg CO2e/t.km")));
                }
            }
        }

        if (product.ProcessEnergyPerUnit is { } energy)
        {
            if (product.GridFactorId is null)
            {
                throw new FootprintException($"Product '{product.Id}' declares process energy but no grid factor.");
            }

            segments?.Add(new TermSegment(null, energy, scale, path, into.Count, 1));
            var grid = inputs.Factors.Factor(product.GridFactorId);
            var kwh = energy.To(Unit.KilowattHour).Value * scale;
            into.Add(new FootprintContribution(
                FootprintStage.ProcessEnergy, path, $"{product.Name}: process energy", null, null, grid.Id, grid.Kind,
                kwh * grid.KgCo2ePerUnit,
                Invariant($"{kwh} kWh × {grid.KgCo2ePerUnit} kg CO2e/kWh")));
        }
    }

    /// <summary>
    /// The terms of one material where a BOM line meets it (version 2): the material term, then its transport by mode.
    /// <paramref name="scale"/> is how many of the line's parent go into one declared unit of the top product.
    /// </summary>
    public static void MaterialTerms(MaterialSource material, Quantity quantityPerUnit, decimal scale, string path, FactorCatalog factors, TermMemo? memo, List<FootprintContribution> into)
    {
        into.Add(MaterialTerm(material, quantityPerUnit.To(material.Factor.PerUnit).Value * scale, path, memo));
        AllocatedTransport(material, quantityPerUnit.To(Unit.Kilogram).Value * scale, path, factors, memo, into);
    }

    private static FootprintContribution MaterialTerm(MaterialSource material, decimal amount, string path, TermMemo? memo)
    {
        var f = material.Factor;
        FootprintContribution Make() => new(
            FootprintStage.Materials, path, material.Name, material.Id, material.SupplierId, f.Id, f.Kind,
            amount * f.KgCo2ePerUnit,
            Invariant($"{amount} {f.PerUnit} × {f.KgCo2ePerUnit} kg CO2e/{f.PerUnit}"));
        return memo is null ? Make() : memo.Get(material, amount, path, null, Make);
    }

    /// <summary>Transport by shipped mass: kg of the material × its lot's tonne-km per kg by mode × the mode's factor.</summary>
    private static void AllocatedTransport(MaterialSource material, decimal kg, string path, FactorCatalog factors, TermMemo? memo, List<FootprintContribution> into)
    {
        foreach (var mode in material.Transport?.Modes ?? [])
        {
            var factor = factors.TransportFactor(mode.Mode);
            if (memo is not null)
            {
                into.Add(memo.Get(material, kg, path, mode, () => TransportTerm(material, kg, path, mode, factor)));
                continue;
            }

            into.Add(TransportTerm(material, kg, path, mode, factor));
        }
    }

    private static FootprintContribution TransportTerm(MaterialSource material, decimal kg, string path, ModeIntensity mode, EmissionFactor factor)
    {
        var own = mode.OwnShipments == 1 ? "1 shipment of the lot" : Invariant($"{mode.OwnShipments} shipments of the lot");
        var inputs = material.Transport!.InputLots == 1 ? "1 input lot" : Invariant($"{material.Transport.InputLots} input lots");
        var how = mode.InheritedTonneKmPerKg == 0
            ? own
            : mode.OwnShipments == 0
                ? "inherited from " + inputs
                : Invariant($"{own}: {mode.OwnTonneKmPerKg} t.km/kg, inherited from {inputs}: {mode.InheritedTonneKmPerKg} t.km/kg");
        return new FootprintContribution(
            FootprintStage.Transport, path, $"{material.Name}: {Words(mode.Mode)} transport ({how})", material.Id, material.SupplierId, factor.Id, factor.Kind,
            kg * mode.TonneKmPerKg * factor.KgCo2ePerUnit,
            Invariant($"{kg} kg × {mode.TonneKmPerKg} t.km/kg × {factor.KgCo2ePerUnit} kg CO2e/t.km"));
    }

    private static string Words(TransportMode mode) => mode == TransportMode.InlandWaterway ? "inland waterway" : mode.ToString().ToLowerInvariant();

    private static ProductDefinition Product(string id, FootprintInputs inputs)
        => inputs.Products.TryGetValue(id, out var product) ? product : throw new FootprintException($"Product '{id}' is not known.");

    // Numbers in formulas are shown without trailing zeros (decimal keeps the scale of its inputs: 8100 × 1.852 = 15001.200).
    private static string Invariant(FormattableString text)
        => string.Format(CultureInfo.InvariantCulture, text.Format, text.GetArguments().Select(a => a is decimal d ? (object)Numbers.Plain(d) : a).ToArray());
}
