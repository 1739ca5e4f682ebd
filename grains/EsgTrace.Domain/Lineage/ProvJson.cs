using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Lineage;

/// <summary>
/// Writes lineage records as W3C PROV-JSON (https://www.w3.org/submissions/prov-json/): each result, input and dataset
/// is an entity, each calculation an activity that used the inputs and datasets and generated the result, the
/// calculator software and the people of a workflow are agents. Identifiers are stable (derived from kinds, ids and
/// hashes), so exporting the same lineage twice gives the same document.
/// </summary>
public static class ProvJson
{
    public const string Namespace = "https://esgtrace.org/ns/lineage#";

    /// <summary>A step of a workflow over a result (a claim's verification, approval, publication) performed by a person.</summary>
    public sealed record Step(string Name, string Actor, Instant At, string? ResultRootSha256);

    public static JsonObject Document(IReadOnlyList<LineageRecord> records, string? subjectEntity = null, IReadOnlyList<Step>? steps = null)
    {
        var entity = new JsonObject();
        var activity = new JsonObject();
        var agent = new JsonObject();
        var used = new JsonObject();
        var generated = new JsonObject();
        var derived = new JsonObject();
        var attributed = new JsonObject();
        var associated = new JsonObject();
        foreach (var record in records)
        {
            var result = ResultId(record);
            var run = "esg:calculation/" + record.RootSha256;
            var software = "esg:software/" + Safe(record.Calculator);
            entity[result] = new JsonObject
            {
                ["prov:type"] = "esg:Result",
                ["prov:label"] = record.Subject,
                ["esg:resultSha256"] = record.ResultSha256,
                ["esg:lineageRootSha256"] = record.RootSha256,
            };
            if (record.Form is { } form)
            {
                // The text form the root is computed in (see LineageBuilder); absent for the first form.
                entity[result]!["esg:lineageForm"] = form;
            }

            activity[run] = new JsonObject { ["prov:type"] = "esg:Calculation", ["esg:calculator"] = record.Calculator };
            agent[software] = new JsonObject { ["prov:type"] = "prov:SoftwareAgent", ["prov:label"] = record.Calculator };
            generated[$"_:gen/{record.RootSha256}"] = new JsonObject { ["prov:entity"] = result, ["prov:activity"] = run };
            attributed[$"_:attr/{record.RootSha256}"] = new JsonObject { ["prov:entity"] = result, ["prov:agent"] = software };
            associated[$"_:assoc/{record.RootSha256}"] = new JsonObject { ["prov:activity"] = run, ["prov:agent"] = software };
            foreach (var dataset in record.Datasets)
            {
                var id = "esg:dataset/" + Safe(dataset);
                entity[id] = new JsonObject { ["prov:type"] = "esg:FactorDataset", ["prov:label"] = dataset };
                used[$"_:use/{record.RootSha256}/{Safe(dataset)}"] = new JsonObject { ["prov:activity"] = run, ["prov:entity"] = id };
            }

            foreach (var input in record.Inputs)
            {
                var id = $"esg:{Safe(input.Kind)}/{Safe(input.Id)}@{input.Sha256[..16]}";
                entity[id] = new JsonObject { ["prov:type"] = "esg:" + Safe(input.Kind), ["prov:label"] = input.Id, ["esg:sha256"] = input.Sha256 };
                used[$"_:use/{record.RootSha256}/{Safe(input.Kind)}/{Safe(input.Id)}"] = new JsonObject { ["prov:activity"] = run, ["prov:entity"] = id };
                derived[$"_:der/{record.RootSha256}/{Safe(input.Kind)}/{Safe(input.Id)}"] = new JsonObject { ["prov:generatedEntity"] = result, ["prov:usedEntity"] = id, ["prov:activity"] = run };
            }
        }

        if (subjectEntity is not null)
        {
            entity[subjectEntity] = new JsonObject { ["prov:type"] = "esg:Claim" };
            foreach (var step in steps ?? [])
            {
                var stepId = $"esg:step/{Safe(subjectEntity)}/{Safe(step.Name)}/{InstantPattern.ExtendedIso.Format(step.At)}";
                var person = "esg:user/" + Safe(step.Actor);
                activity[stepId] = new JsonObject { ["prov:type"] = "esg:" + Safe(step.Name), ["prov:startTime"] = InstantPattern.ExtendedIso.Format(step.At), ["prov:endTime"] = InstantPattern.ExtendedIso.Format(step.At) };
                agent[person] = new JsonObject { ["prov:type"] = "prov:Person", ["prov:label"] = step.Actor };
                associated[$"_:assoc/{stepId}"] = new JsonObject { ["prov:activity"] = stepId, ["prov:agent"] = person };
                attributed[$"_:attr/{stepId}"] = new JsonObject { ["prov:entity"] = subjectEntity, ["prov:agent"] = person };
                if (step.ResultRootSha256 is { } root)
                {
                    // The figures the step saw: today's result when the data has not changed since, else the recorded root alone.
                    var seen = records.FirstOrDefault(r => r.RootSha256 == root) is { } same ? ResultId(same) : "esg:lineage-root/" + root;
                    entity[seen] ??= new JsonObject { ["prov:type"] = "esg:Result", ["prov:label"] = "figures as seen at this step", ["esg:lineageRootSha256"] = root };
                    used[$"_:use/{stepId}"] = new JsonObject { ["prov:activity"] = stepId, ["prov:entity"] = seen };
                    derived[$"_:der/{stepId}"] = new JsonObject { ["prov:generatedEntity"] = subjectEntity, ["prov:usedEntity"] = seen, ["prov:activity"] = stepId };
                }
            }
        }

        return new JsonObject
        {
            ["prefix"] = new JsonObject { ["esg"] = Namespace, ["prov"] = "http://www.w3.org/ns/prov#" },
            ["entity"] = entity,
            ["activity"] = activity,
            ["agent"] = agent,
            ["used"] = used,
            ["wasGeneratedBy"] = generated,
            ["wasDerivedFrom"] = derived,
            ["wasAttributedTo"] = attributed,
            ["wasAssociatedWith"] = associated,
        };
    }

    public static string ResultId(LineageRecord record) => $"esg:result/{Safe(record.Subject)}@{record.ResultSha256[..16]}";

    /// <summary>Keeps identifiers to characters that are safe in a PROV qualified name's local part.</summary>
    public static string Safe(string text) => string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
