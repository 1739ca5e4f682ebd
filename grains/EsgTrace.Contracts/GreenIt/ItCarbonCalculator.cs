using EsgTrace.Units;

namespace EsgTrace.GreenIt;

/// <summary>
/// IT energy and emissions following the Cloud Carbon Footprint method: compute = (min W + utilisation × (max W − min W))
/// × vCPU-hours × PUE × replication; memory, storage and network by CCF's coefficients; emissions = kWh × location-based
/// grid intensity; embodied by the SCI formula. GPU cards the same way as CCF's compute: (card min W + utilisation ×
/// (max W − min W)) × GPU-hours × PUE × replication, with each card-hour's share of the card's embodied emissions.
/// Pure and decimal.
/// </summary>
public static class ItCarbonCalculator
{
    public const string Version = "it-carbon/1.0.0 (CCF method)";

    public static ItCarbonResult Calculate(ItUsage usage, CloudCoefficients c, decimal gridKgCo2ePerKwh, EmbodiedInput? embodied = null, GpuCard? gpu = null)
    {
        if (usage.GpuHours < 0 || usage.GpuUtilisationPercent is < 0 or > 100 || (usage.GpuHours > 0 && gpu is null))
        {
            throw new ArgumentException("GPU-hours must not be negative, GPU utilisation is 0-100 %, and GPU-hours need the card's power range.", nameof(usage));
        }

        if (usage.VcpuHours < 0 || usage.MemoryGbHours < 0 || usage.SsdTbHours < 0 || usage.HddTbHours < 0 || usage.NetworkGb < 0 || usage.ReplicationFactor < 1)
        {
            throw new ArgumentException("Usage figures must not be negative and the replication factor is at least 1.", nameof(usage));
        }

        var utilisation = usage.CpuUtilisationPercent ?? CcfConstants.DefaultCpuUtilisationPercent;
        var r = usage.ReplicationFactor;
        var averageWatts = c.MinWattsPerVcpu + utilisation / 100 * (c.MaxWattsPerVcpu - c.MinWattsPerVcpu);
        var compute = averageWatts * usage.VcpuHours * c.Pue * r / 1000;
        var memory = usage.MemoryGbHours * CcfConstants.MemoryKwhPerGbHour * c.Pue * r;
        var storage = ((usage.SsdTbHours * CcfConstants.SsdWhPerTbHour) + (usage.HddTbHours * CcfConstants.HddWhPerTbHour)) * c.Pue * r / 1000;
        var network = usage.NetworkGb * CcfConstants.NetworkKwhPerGb * c.Pue;
        var formulas = new List<string>
        {
            $"compute: ({N(c.MinWattsPerVcpu)} + {N(utilisation)} % × ({N(c.MaxWattsPerVcpu)} − {N(c.MinWattsPerVcpu)})) W × {N(usage.VcpuHours)} vCPU-h × PUE {N(c.Pue)} × {r} / 1000 = {N(compute)} kWh",
            $"memory: {N(usage.MemoryGbHours)} GB-h × {N(CcfConstants.MemoryKwhPerGbHour)} kWh/GB-h × PUE {N(c.Pue)} × {r} = {N(memory)} kWh",
            $"storage: ({N(usage.SsdTbHours)} TB-h SSD × {N(CcfConstants.SsdWhPerTbHour)} + {N(usage.HddTbHours)} TB-h HDD × {N(CcfConstants.HddWhPerTbHour)}) Wh × PUE {N(c.Pue)} × {r} / 1000 = {N(storage)} kWh",
            $"network: {N(usage.NetworkGb)} GB × {N(CcfConstants.NetworkKwhPerGb)} kWh/GB × PUE {N(c.Pue)} = {N(network)} kWh",
        };
        var gpuKwh = 0m;
        if (usage.GpuHours > 0 && gpu is not null)
        {
            var gpuUtilisation = usage.GpuUtilisationPercent ?? CcfConstants.DefaultCpuUtilisationPercent;
            var gpuWatts = gpu.MinWatts + gpuUtilisation / 100 * (gpu.MaxWatts - gpu.MinWatts);
            gpuKwh = gpuWatts * usage.GpuHours * c.Pue * r / 1000;
            formulas.Add($"gpu ({gpu.Model}): ({N(gpu.MinWatts)} + {N(gpuUtilisation)} % × ({N(gpu.MaxWatts)} − {N(gpu.MinWatts)})) W × {N(usage.GpuHours)} GPU-h × PUE {N(c.Pue)} × {r} / 1000 = {N(gpuKwh)} kWh");
        }

        var total = compute + memory + storage + network + gpuKwh;
        if (usage.MeasuredFacilityKwh is { } measured)
        {
            formulas.Add($"measured at the facility meter: {N(measured)} kWh replaces the estimate of {N(total)} kWh");
            total = measured;
        }

        var operational = total * gridKgCo2ePerKwh;
        formulas.Add($"operational: {N(total)} kWh × {N(gridKgCo2ePerKwh)} kg CO2e/kWh (location-based) = {N(operational)} kg CO2e");
        var embodiedKg = 0m;
        if (embodied is { } e)
        {
            embodiedKg = Sci.Embodied(e);
            formulas.Add($"embodied: {N(e.TotalEmbodiedKgCo2e)} kg × ({N(e.ReservedHours)} h / {N(e.ExpectedLifespanHours)} h) × ({N(e.ReservedVcpus)} / {N(e.TotalVcpus)} vCPU) = {N(embodiedKg)} kg CO2e");
        }

        if (usage.GpuHours > 0 && gpu is not null)
        {
            var gpuEmbodied = gpu.EmbodiedKgCo2e * usage.GpuHours / gpu.ExpectedLifespanHours;
            embodiedKg += gpuEmbodied;
            formulas.Add($"embodied gpu ({gpu.Model}): {N(gpu.EmbodiedKgCo2e)} kg per card × ({N(usage.GpuHours)} card-h / {N(gpu.ExpectedLifespanHours)} h) = {N(gpuEmbodied)} kg CO2e ({gpu.Source})");
        }

        return new ItCarbonResult(compute, memory, storage, network, total, gridKgCo2ePerKwh, operational, embodiedKg, formulas,
            $"{Version}; coefficients: {c.Source}", gpuKwh);
    }

    private static string N(decimal value) => Numbers.Plain(value);
}
