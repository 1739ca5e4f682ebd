namespace EsgTrace.MassBalance;

/// <summary>
/// A lot's answer to a hold: the ledger entry to write, exactly as the lot will count it (source resolved, overdrawn flag
/// set), with its mass held back until the writer confirms it; or, when the mass is not there, what is missing.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.lot-hold")]
public sealed record LotHold(LotMovement? Entry, MassShortfall? Shortfall);
