namespace EsgTrace.Factors;

/// <summary>
/// What an imported factor dataset must be before it is kept (versions are immutable, so a bad one would stay): ids
/// that every store and URL accepts, the provenance every factor must name (dataset, version, source, licence), a
/// non-negative figure per unit, and a transport factor for each mode that the dataset holds.
/// </summary>
public static class FactorCatalogRules
{
    public const int MaxFactors = 10_000;
    public const int MaxText = 500;

    public static Dictionary<string, string[]> Check(FactorCatalog catalog)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            if (list.Count < 5)
            {
                list.Add(message);
            }
        }

        var dataset = catalog.Dataset;
        const string IdRule = "1-100 letters, digits, '.', '-', '_' or ':', starting with a letter or digit";
        if (!Validation.IsId(dataset.Id))
        {
            Add("dataset.id", $"A dataset id is {IdRule}.");
        }

        if (!Validation.IsId(dataset.Version))
        {
            Add("dataset.version", $"A dataset version is {IdRule}.");
        }

        Text("dataset.title", dataset.Title);
        Text("dataset.publisher", dataset.Publisher);
        Text("dataset.licence", dataset.Licence);
        if (dataset.Factors is not { Count: > 0 and <= MaxFactors })
        {
            Add("dataset.factors", "A dataset has 1 to 10,000 factors.");
        }
        else
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < dataset.Factors.Count; i++)
            {
                var f = dataset.Factors[i];
                var at = $"dataset.factors[{i}]";
                if (f is null)
                {
                    Add(at, "A factor is required.");
                    continue;
                }

                if (!Validation.IsId(f.Id))
                {
                    Add(at + ".id", $"A factor id is {IdRule}.");
                }
                else if (!ids.Add(f.Id))
                {
                    Add(at + ".id", $"The factor id '{f.Id}' appears twice.");
                }

                Text(at + ".name", f.Name);
                Text(at + ".source", f.Source);
                Text(at + ".licence", f.Licence);
                if (f.KgCo2ePerUnit < 0)
                {
                    Add(at + ".kgCo2ePerUnit", "A factor is at least 0 kg CO2e per unit: removals and offsets are not netted into a footprint (GHG Protocol Product Standard).");
                }

                if (f.PerUnit is null)
                {
                    Add(at + ".perUnit", "A factor names the unit it is per.");
                }
            }
        }

        foreach (var (mode, id) in catalog.TransportFactorIds ?? new Dictionary<TransportMode, string>())
        {
            if (dataset.Factors is { } factors && !factors.Any(f => f?.Id == id))
            {
                Add("transportFactorIds", $"The {mode} transport factor '{id}' is not in the dataset.");
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

        void Text(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > MaxText)
            {
                Add(field, $"1 to {MaxText} characters are required.");
            }
        }
    }
}
