using NodaTime;

namespace EsgTrace.SupplierPortal;

/// <summary>Stored state of a <see cref="SupplierInvitationGrain"/> (keyed by the token's hash; the token is not stored).</summary>
public sealed class SupplierInvitationState
{
    public string SupplierId { get; set; } = string.Empty;

    public Instant CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public Instant ExpiresAt { get; set; }

    public Instant? RedeemedAt { get; set; }

    /// <summary>The username the invitation made.</summary>
    public string? RedeemedBy { get; set; }

    public SupplierInvitationView ToView() => new(SupplierId, CreatedAt, CreatedBy, ExpiresAt, RedeemedAt, RedeemedBy);
}
