namespace EsgTrace.Traceability;

/// <summary>
/// How certified material is kept apart from the rest on its way through the chain (ISO 22095:2020 chain-of-custody models),
/// strictest first. It decides how much of a lot's mass a certified or recycled share may count.
/// </summary>
public enum ChainOfCustodyModel
{
    /// <summary>The certified material of one source stays physically separate and identifiable: the whole mass counts.</summary>
    IdentityPreserved,

    /// <summary>Certified material from several sources is kept apart from uncertified material: the whole mass counts.</summary>
    Segregated,

    /// <summary>Certified and uncertified material are mixed; only the mass credited in the site's balance counts.</summary>
    MassBalance,

    /// <summary>Certificates are traded apart from the material: no physical mass counts as certified content.</summary>
    BookAndClaim,
}
