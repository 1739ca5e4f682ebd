using EsgTrace.Domain;
using NodaTime;

namespace EsgTrace.Scorecard;

/// <summary>Builds the shared CMO/CIO scorecard from the claims, the product figures and the green-IT figures (stateless).</summary>
[Alias("esg.IScorecardGrain")]
public interface IScorecardGrain : IGrainWithIntegerKey
{
    /// <summary>The scorecard for a period (green-IT figures) as of today (claims, footprints).</summary>
    [Alias("Build")]
    Task<Outcome<Scorecard>> Build(LocalDate from, LocalDate to);

    /// <summary>The scorecard as a signed PDF, its figures attached as scorecard.json; <paramref name="baseUrl"/> makes its lineage addresses absolute.</summary>
    [Alias("Report")]
    Task<Outcome<byte[]>> Report(LocalDate from, LocalDate to, Uri baseUrl);
}
