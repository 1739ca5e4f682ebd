namespace EsgTrace.Claims;

/// <summary>How a claim's current standing should look: pages map it to their colours, so a failure never looks like a success.</summary>
public enum ClaimTone
{
    /// <summary>Nothing to judge yet, or the claim has ended (draft without a check, expired, withdrawn).</summary>
    Neutral,

    /// <summary>The latest check substantiates the claim.</summary>
    Success,

    /// <summary>A published claim that the current data no longer substantiates.</summary>
    Warning,

    /// <summary>A check failed: the claim cannot go further as it stands.</summary>
    Error,
}
