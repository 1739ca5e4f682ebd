namespace EsgTrace.Domain;

/// <summary>
/// The "Organisation" settings: who publishes (named on the green-IT report and as the PACT data owner). Bound once per
/// process (silo and portal) from this one class.
/// </summary>
public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    /// <summary>The organisation's name; unset, each document says so in its own words.</summary>
    public string? Name { get; set; }
}
