namespace EsgTrace.Domain;

/// <summary>What a person or machine client may do in EsgTrace.</summary>
public enum Role
{
    /// <summary>Records suppliers, lots, certificates, shipments and batches.</summary>
    SupplyChain,

    /// <summary>The CMO's team: drafts and publishes sustainability claims.</summary>
    Marketing,

    /// <summary>The CIO's team: IT workloads and green-IT actions; approves claims.</summary>
    It,

    /// <summary>Reads everything, changes nothing; approves claims.</summary>
    Auditor,

    /// <summary>Manages accounts and API keys.</summary>
    Admin,

    /// <summary>A supplier's own staff: bound to one supplier id, they see and answer only that supplier's data.</summary>
    Supplier,
}
