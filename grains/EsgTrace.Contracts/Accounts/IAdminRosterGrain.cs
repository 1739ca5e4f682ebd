namespace EsgTrace.Accounts;

/// <summary>
/// The active admins, kept by one grain so that "never remove the last one" holds even when two admins disable each
/// other at the same moment: every removal asks here first, one at a time.
/// </summary>
[Alias("esg.IAdminRosterGrain")]
public interface IAdminRosterGrain : IGrainWithIntegerKey
{
    /// <summary>Takes the admin off the roster unless it is the last active one; false (nothing changed) if it is.</summary>
    [Alias("TryRemove")]
    Task<bool> TryRemove(string username);

    [Alias("Add")]
    Task Add(string username);

    [Alias("Active")]
    Task<IReadOnlyList<string>> Active();
}
