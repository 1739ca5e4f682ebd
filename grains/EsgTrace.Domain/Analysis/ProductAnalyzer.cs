using EsgTrace.Factors;
using EsgTrace.Footprints;
using EsgTrace.Lineage;
using EsgTrace.SupplyChain;
using EsgTrace.Traceability;
using EsgTrace.Units;

namespace EsgTrace.Analysis;

/// <summary>
/// Turns recorded supply-chain data into calculator inputs and runs them. A BOM material line ("cotton fabric", 180 g) is
/// met by the lots of that material that went into the product's batches, shared by their mass; each lot brings its own
/// emission factor, supplier and transport intensity (tonne-km per kg, allocated by shipped mass and inherited from the lots
/// it was made from).
/// </summary>
public static class ProductAnalyzer
{
    public static ProductAnalysis Analyze(string productId, SupplyChainSnapshot data, FactorCatalog catalog, AnalysisMemo? memo = null)
    {
        memo ??= new AnalysisMemo();
        var footprint = AnalyzeFootprint(productId, data, catalog, memo);
        var traceability = AnalyzeTraceability(productId, data, memo);
        return new ProductAnalysis(productId, footprint.ProductName, footprint.Footprint, footprint.Problem, footprint.Lineage, traceability.Result, traceability.Lineage, catalog.Dataset.Ref, footprint.Period);
    }

    /// <summary>The footprint part of <see cref="Analyze"/> alone.</summary>
    public static ProductFootprint AnalyzeFootprint(string productId, SupplyChainSnapshot data, FactorCatalog catalog, AnalysisMemo? memo = null)
    {
        memo ??= new AnalysisMemo();
        var product = data.Products[productId];
        FootprintResult? footprint = null;
        string? problem = null;
        LineageRecord? footprintLineage = null;
        try
        {
            var inputs = FootprintInputs(data, catalog, memo);
            footprint = FootprintCalculator.Calculate(productId, inputs, FootprintCalculator.Version, memo.Terms);
            footprintLineage = FootprintLineage(productId, footprint, LineageInputs.Of(data, memo.Hashes), ResultHash.MerkleOf(FootprintHead(footprint), footprint.Contributions));
        }
        catch (FootprintException ex)
        {
            problem = ex.Message;
        }

        var batches = data.BatchesByProduct.TryGetValue(productId, out var list) ? list : [];
        var period = batches.Count == 0 ? null : new ReportingPeriod(batches.Min(b => b.Batch.ProducedAt.Date), batches.Max(b => b.Batch.ProducedAt.Date), batches.Count);
        return new ProductFootprint(productId, product.Product.Name, footprint, problem, footprintLineage, catalog.Dataset.Ref, period);
    }

    /// <summary>The traceability part of <see cref="Analyze"/> alone.</summary>
    public static ProductTraceability AnalyzeTraceability(string productId, SupplyChainSnapshot data, AnalysisMemo? memo = null)
    {
        memo ??= new AnalysisMemo();
        var batches = data.BatchesByProduct.TryGetValue(productId, out var list) ? list : [];
        var traceability = Trace(productId, batches.SelectMany(b => b.Batch.InputLotIds).Distinct().ToList(), data, memo);
        var traceLineage = TraceabilityLineage(productId, LineageInputs.Of(data, memo.Hashes), ResultHash.MerkleOf(TraceabilityHead(traceability), traceability.Tree));
        return new ProductTraceability(productId, traceability, traceLineage);
    }

    /// <summary>
    /// A portfolio: traceability by mass balance over every input lot of its products' batches, and the footprint of its
    /// highest-footprint product (a limit holds for the portfolio only if it holds for every product). The lineage hashes
    /// each product's own footprint lineage root.
    /// </summary>
    public static ProductAnalysis AnalyzePortfolio(string portfolioId, IReadOnlyList<string> productIds, SupplyChainSnapshot data, FactorCatalog catalog)
    {
        var analyses = productIds.Select(id => Analyze(id, data, catalog)).ToList();
        var lots = productIds.SelectMany(id => data.BatchesByProduct.TryGetValue(id, out var b) ? b : []).SelectMany(b => b.Batch.InputLotIds).Distinct().ToList();
        var traceability = Trace("portfolio:" + portfolioId, lots, data);
        var missing = analyses.FirstOrDefault(a => a.Footprint is null);
        var worst = missing is null ? analyses.MaxBy(a => a.Footprint!.TotalKgCo2e) : null;
        var builder = new LineageBuilder("portfolio:" + portfolioId, FootprintCalculator.Version).Dataset(catalog.Dataset.Ref.ToString());
        foreach (var a in analyses)
        {
            builder.Input("product-footprint", a.ProductId, (a.FootprintLineage ?? a.TraceabilityLineage).RootSha256);
        }

        var periods = analyses.Select(a => a.Period).OfType<ReportingPeriod>().ToList();
        return new ProductAnalysis(
            portfolioId,
            $"Portfolio {portfolioId} ({string.Join(", ", analyses.Select(a => a.ProductName))})",
            worst?.Footprint,
            missing is null ? null : $"{missing.ProductName}: {missing.FootprintProblem}",
            worst is null ? null : builder.Build(new { worst.ProductId, worst.Footprint!.TotalKgCo2e }),
            traceability,
            new LineageBuilder("portfolio:" + portfolioId, TraceabilityCalculator.Version).Input("lots", portfolioId, lots).Build(traceability),
            catalog.Dataset.Ref,
            periods.Count == 0 ? null : new ReportingPeriod(periods.Min(p => p.From), periods.Max(p => p.To), periods.Sum(p => p.Batches)));
    }

    /// <summary>The traceability of a set of input lots (a batch's, or all of a product's).</summary>
    public static TraceabilityResult Trace(string subjectId, IReadOnlyList<string> inputLotIds, SupplyChainSnapshot data, AnalysisMemo? memo = null)
    {
        var lots = new Dictionary<string, TraceLot>(data.Lots.Count, StringComparer.Ordinal);
        foreach (var lot in data.Lots.Values)
        {
            var supplier = data.Suppliers.TryGetValue(lot.Lot.SupplierId, out var s) ? s : null;
            if (memo is null || !memo.TraceLots.TryGetValue(lot, out var known) || !ReferenceEquals(known.Supplier, supplier))
            {
                known = (supplier, ToTraceLot(lot, supplier));
                if (memo is not null)
                {
                    memo.TraceLots[lot] = known;
                }
            }

            lots[lot.Id] = known.Lot;
        }

        if (memo is not null)
        {
            AnalysisMemo.Sweep(memo.TraceLots, data.Lots);
        }

        return TraceabilityCalculator.Calculate(subjectId, inputLotIds, lots, Certificates(data), memo?.Nodes);
    }

    /// <summary>Every certificate of the suppliers held, as traceability reads them.</summary>
    internal static List<SupplierCertificate> Certificates(SupplyChainSnapshot data)
        => data.Suppliers.Values.SelectMany(s => s.Certificates.Select(c => new SupplierCertificate(s.Id, c.Scheme, c.Number, c.ValidFrom, c.ValidTo, c.EvidenceSha256, c.ChainOfCustody))).ToList();

    public static FootprintInputs FootprintInputs(SupplyChainSnapshot data, FactorCatalog catalog, AnalysisMemo? memo = null)
        => FootprintInputs(data, catalog, memo, out _, out _);

    /// <summary>As above, also giving every lot as transport allocation sees it and every lot's intensity.</summary>
    internal static FootprintInputs FootprintInputs(SupplyChainSnapshot data, FactorCatalog catalog, AnalysisMemo? memo, out Dictionary<string, TransportLot> transportLots, out IReadOnlyDictionary<string, TransportIntensity> transport)
    {
        var products = new Dictionary<string, ProductDefinition>();
        var materials = new Dictionary<string, MaterialSource>();
        var lotMemo = memo?.Lots;
        (decimal Kg, TransportLot Transport, TransportIntensity? RawIntensity) Facts(LotView lot)
        {
            if (lotMemo is not null && lotMemo.TryGetValue(lot, out var known))
            {
                return known;
            }

            var kg = ProductAnalyzer.Kg(lot);
            var transportLot = new TransportLot(lot.Id, kg, lot.Transport, lot.Lot.InputLotIds);
            known = (kg, transportLot, lot.Lot.InputLotIds.Count == 0 ? TransportAllocation.OfRawLot(transportLot) : null);
            if (lotMemo is not null)
            {
                lotMemo[lot] = known;
            }

            return known;
        }

        decimal Kg(LotView lot) => Facts(lot).Kg;
        transportLots = data.Lots.Values.ToDictionary(l => l.Id, l => Facts(l).Transport, StringComparer.Ordinal);
        transport = TransportAllocation.Intensities(data.Lots.Keys, transportLots, lotMemo is null ? null : t => Facts(data.Lots[t.Id]).RawIntensity!);
        if (memo is not null)
        {
            AnalysisMemo.Sweep(memo.Lots, data.Lots);
            AnalysisMemo.Sweep(memo.Materials, data.Lots);
        }

        var datasetRef = catalog.Dataset.Ref.ToString();
        foreach (var (id, view) in data.Products)
        {
            var p = view.Product;
            var batchLots = (data.BatchesByProduct.TryGetValue(id, out var batches) ? batches : [])
                .SelectMany(b => b.Batch.InputLotIds).Distinct().Where(data.Lots.ContainsKey).Select(l => data.Lots[l]).ToList();
            var bom = new List<BomLine>();
            foreach (var line in p.Bom)
            {
                var quantity = Quantity.Of(line.Quantity, line.Unit);
                if (line.Kind == BomLineKind.SubProduct)
                {
                    bom.Add(new BomLine(BomLineKind.SubProduct, line.Ref, quantity));
                    continue;
                }

                var lots = batchLots.Where(l => string.Equals(l.Lot.Material, line.Ref, StringComparison.OrdinalIgnoreCase)).ToList();
                if (lots.Count == 0)
                {
                    throw new FootprintException($"No lot of '{line.Ref}' has gone into a production batch of '{id}' yet: record a batch with its input lots.");
                }

                var totalKg = lots.Sum(Kg);
                foreach (var lot in lots)
                {
                    // The line's quantity is met by each lot in proportion to its mass (mass balance).
                    bom.Add(new BomLine(BomLineKind.Material, lot.Id, new Quantity(quantity.Value * Kg(lot) / totalKg, quantity.Unit)));
                    var intensity = transport.TryGetValue(lot.Id, out var i) ? i : TransportIntensity.None(lot.Id);
                    if (memo is null || !memo.Materials.TryGetValue(lot, out var known) || known.Dataset != datasetRef || !ReferenceEquals(known.Intensity, intensity))
                    {
                        known = (datasetRef, intensity, Material(lot, catalog, intensity));
                        if (memo is not null)
                        {
                            memo.Materials[lot] = known;
                        }
                    }

                    materials[lot.Id] = known.Source;
                }
            }

            Quantity? energy = p.ProcessEnergy is { } e && p.ProcessEnergyUnit is { } u ? Quantity.Of(e, u) : null;
            products[id] = new ProductDefinition(id, p.Name, p.DeclaredUnit, bom, energy, p.GridFactorId);
        }

        return new FootprintInputs(products, materials, catalog);
    }

    internal static TraceLot ToTraceLot(LotView lot, SupplierView? supplier)
        => new(
            lot.Id, lot.Lot.Material, Quantity.Of(lot.Lot.Quantity, lot.Lot.Unit), lot.Lot.SupplierId, supplier?.Name ?? lot.Lot.SupplierId,
            supplier?.Tier ?? 0, lot.Lot.OriginCountry, lot.Lot.CertificationScheme, lot.Lot.RecycledShare, lot.FirstShippedOn, lot.Lot.InputLotIds,
            lot.Lot.ChainOfCustody, lot.Lot.CreditedShare, lot.Balance.Overdrawn);

    /// <summary>What a footprint's result hash covers besides its terms.</summary>
    internal static object FootprintHead(FootprintResult f) => new { f.ProductId, f.DeclaredUnit, f.TotalKgCo2e, Dataset = f.Dataset.ToString(), f.CalculatorVersion };

    /// <summary>What a traceability result's hash covers besides its tree.</summary>
    internal static object TraceabilityHead(TraceabilityResult t) => new { t.SubjectId, t.InputMassKg, t.CertifiedShare, t.RecycledShare, t.TraceableToOriginShare, t.Flags, t.CalculatorVersion };

    /// <summary>A product footprint's lineage (second form: the inputs enter as one Merkle root).</summary>
    internal static LineageRecord FootprintLineage(string productId, FootprintResult footprint, LineageInputs inputs, string resultSha256)
        => LineageBuilder.BuildMerkle("product:" + productId, footprint.CalculatorVersion, [footprint.Dataset.ToString()], inputs.Inputs, inputs.MerkleRoot, resultSha256);

    internal static LineageRecord TraceabilityLineage(string productId, LineageInputs inputs, string resultSha256)
        => LineageBuilder.BuildMerkle("product:" + productId, TraceabilityCalculator.Version, [], inputs.Inputs, inputs.MerkleRoot, resultSha256);

    /// <summary>A lot as a material source of the footprint.</summary>
    internal static MaterialSource Material(LotView lot, FactorCatalog catalog, TransportIntensity intensity)
        => new(lot.Id, $"{lot.Lot.Material} (lot {lot.Id})", lot.Lot.SupplierId, LotRules.Factor(lot.Id, lot.Lot, catalog), [], intensity);

    internal static decimal Kg(LotView lot) => Quantity.Of(lot.Lot.Quantity, lot.Lot.Unit).To(Unit.Kilogram).Value;
}
