using EsgTrace.Domain;
using EsgTrace.GreenIt;

namespace EsgTrace.Claims;

/// <summary>Reads the green-IT figures an IT claim rests on through the green-IT grains (workload definitions, per-record emissions).</summary>
public static class ItClaimSource
{
    public static async Task<Outcome<ItClaimBasis>> LoadAsync(IGrainFactory grains, ClaimDraft draft)
    {
        var workloads = new List<ItClaimWorkload>();
        foreach (var id in ItClaims.Workloads(draft))
        {
            var view = await grains.GetGrain<IWorkloadGrain>(id).Get();
            var emissions = await grains.GetGrain<IGreenItAnalysisGrain>(0).WorkloadEmissions(id);
            if (view is null || !emissions.IsOk)
            {
                return FactRules.NotRecorded("workload", id);
            }

            workloads.Add(new ItClaimWorkload(id, view.Definition.Name, view.Definition.FunctionalUnit, emissions.Value!));
        }

        var name = draft.Scope == ClaimScope.WorkloadGroup
            ? $"{draft.ProductId} ({string.Join(", ", workloads.Select(w => w.Name))})"
            : workloads[0].Name;
        // A baseline period matters to a reduction only: a limit's figures (and its proof's lineage) hold the current period alone.
        var reduction = draft.Type == ClaimType.ItEmissionsReduction;
        return Outcome<ItClaimBasis>.Ok(ItClaimCalculator.Figures(draft.ProductId, name, workloads, reduction ? draft.BaselineFrom : null, reduction ? draft.BaselineTo : null));
    }
}
