namespace EsgTrace.Traceability;

/// <summary>Why a lot's certification or origin does not count.</summary>
public enum TraceFlagKind
{
    /// <summary>The lot claims a scheme but its supplier holds no certificate of that scheme.</summary>
    MissingCertificate,

    /// <summary>The supplier's certificate of that scheme was not valid on the day the lot shipped.</summary>
    ExpiredCertificate,

    /// <summary>The lot claims a scheme but has no shipment date to check the certificate against.</summary>
    NoShipmentDate,

    /// <summary>An input lot breaks the chain of custody (not certified under the same scheme).</summary>
    BrokenChainOfCustody,

    /// <summary>The lot has no country of origin.</summary>
    UnknownOrigin,

    /// <summary>The lot names an input lot that is not recorded.</summary>
    UnknownInputLot,

    /// <summary>The lot claims a stricter chain-of-custody model than its supplier's certificate covers; the certificate's model is applied.</summary>
    ChainOfCustodyExceedsCertificate,

    /// <summary>Book and claim: certificates are not physically linked to the lot, so none of its mass counts as certified content.</summary>
    BookAndClaim,

    /// <summary>A captured movement took more of the lot from a location than was there (mass balance broken).</summary>
    OverConsumed,
}

/// <summary>One finding about one lot, in words a supply-chain manager can act on.</summary>
[GenerateSerializer, Immutable, Alias("esg.trace-flag")]
public sealed record TraceFlag(string LotId, TraceFlagKind Kind, string Message);
