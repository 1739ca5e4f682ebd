using EsgTrace.Accounts;
using EsgTrace.Audit;
using EsgTrace.SupplyChain;
using NodaTime;

namespace EsgTrace.SupplierPortal;

/// <summary>
/// An invitation of a supplier's person: made by the supply chain for one registered supplier, used once within
/// <see cref="InvitationTokens.Lifetime"/> to make a supplier account bound to that supplier. Every step is audited.
/// </summary>
public sealed class SupplierInvitationGrain(
    [PersistentState("supplierinvitation")] IPersistentState<SupplierInvitationState> invitation,
    IAuditTrail audit,
    IClock clock) : Grain, ISupplierInvitationGrain
{
    private static readonly DomainProblem Unknown = new(ProblemKind.NotFound, "This invitation link is not valid.", "No invitation has this link. Check that the whole link was copied, or ask the company that invited you for a new one.");

    // The subject names the first 12 hex digits of the token's hash: enough to tell invitations apart in the audit
    // trail, nothing that helps to guess a token.
    private string Subject => "supplier-invitation:" + this.GetPrimaryKeyString()[..Math.Min(12, this.GetPrimaryKeyString().Length)];

    public async Task<Outcome<SupplierInvitationView>> Create(string supplierId, string actor)
    {
        if (!Validation.IsId(supplierId))
        {
            return DomainProblem.Invalid("supplierId", "The supplier id must be 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        }

        if (invitation.RecordExists)
        {
            return new DomainProblem(ProblemKind.Conflict, "The invitation exists.", "An invitation with this token was made already; make a new one.");
        }

        if (await GrainFactory.GetGrain<ISupplierGrain>(supplierId).Get() is null)
        {
            return new DomainProblem(ProblemKind.NotFound, "No such supplier.", $"Supplier '{supplierId}' is not registered; register it before inviting its people.");
        }

        var now = clock.GetCurrentInstant();
        invitation.State = new SupplierInvitationState { SupplierId = supplierId, CreatedAt = now, CreatedBy = actor, ExpiresAt = now + InvitationTokens.Lifetime };
        await invitation.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(now, actor, "supplier-invitation.created", Subject, $"supplier {supplierId}; expires {invitation.State.ExpiresAt}"));
        return Outcome<SupplierInvitationView>.Ok(invitation.State.ToView());
    }

    public async Task<Outcome<SignedInAccount>> Redeem(string username, string displayName, string password, string? from)
    {
        var now = clock.GetCurrentInstant();
        if (!invitation.RecordExists)
        {
            return Unknown;
        }

        var state = invitation.State;
        if (state.RedeemedAt is { } used)
        {
            await audit.RecordAsync(new AuditRecord(now, "anonymous", "supplier-invitation.refused", Subject, "already used"));
            return new DomainProblem(ProblemKind.Conflict, "This invitation was used already.", $"The invitation was used on {used:uuuu-MM-dd} to make an account; each link works once. Sign in with that account, or ask the company that invited you for a new link.");
        }

        if (now >= state.ExpiresAt)
        {
            await audit.RecordAsync(new AuditRecord(now, "anonymous", "supplier-invitation.refused", Subject, "expired"));
            return new DomainProblem(ProblemKind.Conflict, "This invitation has expired.", $"The invitation expired on {state.ExpiresAt:uuuu-MM-dd HH:mm} UTC. Ask the company that invited you for a new link.");
        }

        var errors = new Dictionary<string, string[]>();
        if (Usernames.Check(username) is { } usernameError)
        {
            errors["username"] = [usernameError];
        }
        else if (PasswordPolicy.Check(password, Usernames.Normalize(username)) is { } passwordError)
        {
            errors["password"] = [passwordError];
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 100)
        {
            errors["displayName"] = ["Your name, 1 to 100 characters, is required."];
        }

        if (errors.Count > 0)
        {
            return DomainProblem.Invalid(errors);
        }

        var name = Usernames.Normalize(username);
        var account = GrainFactory.GetGrain<IUserAccountGrain>(name);
        if (await account.Get() is not null)
        {
            return DomainProblem.Invalid("username", $"The username '{name}' is taken; choose another.");
        }

        // Used before the account is made, so two people racing with one link cannot both get an account; put back if
        // the account could not be made after all.
        state.RedeemedAt = now;
        state.RedeemedBy = name;
        await invitation.WriteStateAsync();
        var created = await account.Create(new CreateUser(displayName, Role.Supplier, password, Subject, state.SupplierId));
        if (!created.IsOk)
        {
            state.RedeemedAt = null;
            state.RedeemedBy = null;
            await invitation.WriteStateAsync();
            return created.Problem!;
        }

        await audit.RecordAsync(new AuditRecord(now, "user:" + name, "supplier-invitation.redeemed", Subject, $"account {name} of supplier {state.SupplierId}"));
        var signIn = await account.SignIn(password, from);
        return signIn.Account is { } signedIn
            ? Outcome<SignedInAccount>.Ok(signedIn)
            : new DomainProblem(ProblemKind.Unauthorized, "The account was made, but signing in failed.", "Sign in with your new username and password.");
    }

    public Task<SupplierInvitationView?> Get() => Task.FromResult(invitation.RecordExists ? invitation.State.ToView() : null);
}
