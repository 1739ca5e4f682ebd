namespace EsgTrace.GreenIt;

/// <summary>The Green Software Foundation's Software Carbon Intensity: SCI = ((E × I) + M) per R.</summary>
public static class Sci
{
    /// <summary>M = TE × (TR / EL) × (RR / ToR): the share of the hardware's embodied emissions this workload reserved.</summary>
    public static decimal Embodied(EmbodiedInput e)
    {
        if (e.ExpectedLifespanHours <= 0 || e.TotalVcpus <= 0)
        {
            throw new ArgumentException("Expected lifespan and total resources must be greater than zero.", nameof(e));
        }

        return e.TotalEmbodiedKgCo2e * (e.ReservedHours / e.ExpectedLifespanHours) * (e.ReservedVcpus / e.TotalVcpus);
    }

    /// <summary>kg CO2e per functional unit (per 1,000 requests, per user, …) for energy E (kWh), intensity I (kg CO2e/kWh), embodied M (kg) and R units.</summary>
    public static decimal Score(decimal energyKwh, decimal intensityKgPerKwh, decimal embodiedKg, decimal functionalUnits)
        => functionalUnits > 0
            ? ((energyKwh * intensityKgPerKwh) + embodiedKg) / functionalUnits
            : throw new ArgumentException("The functional unit count R must be greater than zero.", nameof(functionalUnits));
}
