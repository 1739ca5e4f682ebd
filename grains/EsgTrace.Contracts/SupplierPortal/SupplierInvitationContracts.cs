using NodaTime;

namespace EsgTrace.SupplierPortal;

/// <summary>An invitation as it may be shown (never its token).</summary>
[GenerateSerializer, Immutable, Alias("esg.supplier-invitation-view")]
public sealed record SupplierInvitationView(string SupplierId, Instant CreatedAt, string CreatedBy, Instant ExpiresAt, Instant? RedeemedAt, string? RedeemedBy);

/// <summary>A new invitation: the link with its token, shown once to the inviter, and until when it can be used.</summary>
[GenerateSerializer, Immutable, Alias("esg.issued-supplier-invitation")]
public sealed record IssuedSupplierInvitation(string SupplierId, string Token, string Link, Instant ExpiresAt);
