using EsgTrace.Domain;
using EsgTrace.SupplyChain;

namespace EsgTrace.Portal.Components.Forms;

/// <summary>
/// A form's field errors, keyed as the grains' rules key them ("name", "bom[0].quantity"): the rules run as you type (shown
/// once a field was touched, or for every field after a submit), and the platform's refusal is shown on the fields it names
/// until they are edited. Errors on fields the form does not show are <see cref="Unplaced"/>.
/// </summary>
public sealed class FieldErrors
{
    private static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string[]> _rules = None;
    private Dictionary<string, string[]> _server = new(StringComparer.Ordinal);
    private bool _showAll;

    /// <summary>The refusal last returned by the platform (title and detail), until the form is edited or reset.</summary>
    public DomainProblem? Refusal { get; private set; }

    /// <summary>True when the rules find nothing wrong (server errors aside: the next submit asks again).</summary>
    public bool RulesPass => _rules.Count == 0;

    /// <summary>Runs the rules on the form's current input.</summary>
    public void Check(Validation validation) => _rules = validation.IsValid ? None : validation.ToProblem().Errors ?? None;

    /// <summary>Adds the form's own checks (those the rules cannot make, e.g. an unparsable time) to the rules' errors.</summary>
    public void Check(Validation validation, IEnumerable<(string Field, string? Message)> extra, IReadOnlyDictionary<string, string>? reword = null)
    {
        foreach (var (field, message) in extra)
        {
            if (message is not null)
            {
                validation.Add(field, message);
            }
        }

        Check(validation);
        if (reword is not null && _rules.Keys.Any(reword.ContainsKey))
        {
            // Where the form asks in other terms than the record keeps (a percentage for a 0-1 share), say it in the form's terms.
            _rules = _rules.ToDictionary(e => e.Key, e => reword.TryGetValue(e.Key, out var words) ? [words] : e.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>The user edited a field: show its rule errors from now on, and drop what the platform said about it.</summary>
    public void Touch(string field)
    {
        _touched.Add(field);
        if (Refusal is { Kind: not ProblemKind.Validation })
        {
            // A conflict (e.g. not enough of a lot) is about the whole record: any edit may resolve it; the next submit asks again.
            _server.Clear();
            Refusal = null;
            return;
        }

        foreach (var key in _server.Keys.Where(k => k == field || k.StartsWith(field + ".", StringComparison.Ordinal) || k.StartsWith(field + "[", StringComparison.Ordinal)).ToList())
        {
            _server.Remove(key);
        }

        if (_server.Count == 0)
        {
            Refusal = null;
        }
    }

    /// <summary>A submit was attempted: show every rule error.</summary>
    public void ShowAll() => _showAll = true;

    /// <summary>What the platform refused, on the fields it names.</summary>
    public void Refused(DomainProblem problem)
    {
        Refusal = problem;
        _server = problem.Errors?.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal) ?? new(StringComparer.Ordinal);
        _showAll = true;
    }

    public void Reset()
    {
        _touched.Clear();
        _server.Clear();
        _rules = None;
        _showAll = false;
        Refusal = null;
    }

    /// <summary>The message to show on a field, or null.</summary>
    public string? this[string field]
    {
        get
        {
            if (_server.TryGetValue(field, out var server) && server.Length > 0)
            {
                return string.Join(" ", server.Distinct());
            }

            return (_showAll || _touched.Contains(field)) && _rules.TryGetValue(field, out var rule) && rule.Length > 0 ? string.Join(" ", rule.Distinct()) : null;
        }
    }

    /// <summary>
    /// True when an error is on show. A form keeps its button enabled while its errors are still hidden (untouched fields), so
    /// pressing it shows what is missing; once an error shows, the button waits for it to be fixed. The platform's refusals do
    /// not count: it is asked again on the next submit.
    /// </summary>
    public bool AnyShown => _showAll ? _rules.Count > 0 : _rules.Keys.Any(_touched.Contains);

    /// <summary>True when a field has a message to show.</summary>
    public bool Has(string field) => this[field] is not null;

    /// <summary>Messages (rules shown, and the platform's) on fields not among <paramref name="shown"/>.</summary>
    public IReadOnlyList<string> Unplaced(IReadOnlyCollection<string> shown)
    {
        var fields = _server.Keys.Concat(_showAll ? _rules.Keys : _rules.Keys.Where(_touched.Contains)).Distinct(StringComparer.Ordinal);
        return fields.Where(f => !shown.Contains(f)).Select(f => this[f]).OfType<string>().Distinct().ToList();
    }
}

/// <summary>What a shipment form sends: the id, the shipment, and for a correction the reason.</summary>
public sealed record ShipmentSubmission(string Id, SupplyChain.ShipmentInput Input, string? Reason);

/// <summary>What a lot form sends: the id, the lot, and for a correction the reason.</summary>
public sealed record LotSubmission(string Id, SupplyChain.LotInput Input, string? Reason);
