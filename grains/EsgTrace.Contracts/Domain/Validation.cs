using System.Text.RegularExpressions;

namespace EsgTrace.Domain;

/// <summary>Collects field errors for one command; empty means valid.</summary>
public sealed partial class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public Validation Check(bool ok, string field, string message) => ok ? this : Add(field, message);

    public Validation Text(string? value, string field, int max, bool required = true)
        => string.IsNullOrWhiteSpace(value)
            ? (required ? Add(field, $"'{field}' is required.") : this)
            : Check(value.Length <= max, field, $"'{field}' is at most {max} characters.");

    public Validation Id(string? value, string field)
        => Check(value is not null && IdPattern().IsMatch(value), field, $"'{field}' must be 1-100 characters: letters, digits, '.', '-', '_' or ':'.");

    public Validation Country(string? value, string field, bool required = true)
        => value is null && !required ? this : Check(value is not null && CountryPattern().IsMatch(value), field, $"'{field}' must be an ISO 3166-1 alpha-2 code such as IN, BD or DE.");

    public DomainProblem ToProblem() => DomainProblem.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    /// <summary>Ids are client-chosen (so retries are idempotent) and safe in keys and URLs.</summary>
    public static bool IsId(string? value) => value is not null && IdPattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
