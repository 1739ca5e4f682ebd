namespace EsgTrace.Accounts;

/// <summary>Stored state of the <see cref="AdminRosterGrain"/>.</summary>
public sealed class AdminRosterState
{
    /// <summary>False until the roster has been filled from the account listing once (installations older than the roster).</summary>
    public bool Initialized { get; set; }

    public SortedSet<string> ActiveAdmins { get; set; } = new(StringComparer.Ordinal);
}
