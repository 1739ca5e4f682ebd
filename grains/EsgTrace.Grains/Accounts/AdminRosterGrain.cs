using EsgTrace.Storage;

namespace EsgTrace.Accounts;

/// <summary>
/// One activation holds the set of active admins; removals are answered one at a time, so two admins disabling each
/// other at once cannot both succeed. On first use it fills itself from the account listing.
/// </summary>
public sealed class AdminRosterGrain(
    [PersistentState("admin-roster")] IPersistentState<AdminRosterState> roster,
    IIndexStore index) : Grain, IAdminRosterGrain
{
    public async Task<bool> TryRemove(string username)
    {
        await EnsureInitializedAsync();
        var admins = roster.State.ActiveAdmins;
        if (!admins.Contains(username))
        {
            // Not known as active (e.g. added while its write failed): removing it cannot leave the platform without admins.
            return admins.Count > 0;
        }

        if (admins.Count <= 1)
        {
            return false;
        }

        admins.Remove(username);
        await roster.WriteStateAsync();
        return true;
    }

    public async Task Add(string username)
    {
        await EnsureInitializedAsync();
        if (roster.State.ActiveAdmins.Add(username))
        {
            await roster.WriteStateAsync();
        }
    }

    public async Task<IReadOnlyList<string>> Active()
    {
        await EnsureInitializedAsync();
        return [.. roster.State.ActiveAdmins];
    }

    private async Task EnsureInitializedAsync()
    {
        if (roster.State.Initialized)
        {
            return;
        }

        string? after = null;
        do
        {
            var (items, next) = await AccountIndexes.ScanAsync<UserProfile>(index, AccountIndexes.Users, after, 500);
            foreach (var user in items.Where(u => u.Role == Role.Admin && !u.Disabled))
            {
                roster.State.ActiveAdmins.Add(user.Username);
            }

            after = next;
        }
        while (after is not null);

        roster.State.Initialized = true;
        await roster.WriteStateAsync();
    }
}
