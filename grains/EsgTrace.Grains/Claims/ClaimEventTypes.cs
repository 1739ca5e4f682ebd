using EsgTrace.EventSourcing;

namespace EsgTrace.Claims;

/// <summary>The stored names of a claim's events (as first written: a name stays once used, whatever the class is called).</summary>
public static class ClaimEventTypes
{
    public static readonly EventTypes<ClaimEvent> All = new EventTypes<ClaimEvent>()
        .Add<ClaimDrafted>("ClaimDrafted")
        .Add<ClaimChecked>("ClaimChecked")
        .Add<ClaimApproved>("ClaimApproved")
        .Add<ClaimPublished>("ClaimPublished")
        .Add<ClaimStatusChanged>("ClaimStatusChanged")
        .Add<ClaimWithdrawn>("ClaimWithdrawn");
}
