using EsgTrace.Domain;

namespace EsgTrace.Accounts;

/// <summary>A local account, keyed by its normalized username.</summary>
[Alias("esg.IUserAccountGrain")]
public interface IUserAccountGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<Outcome<UserProfile>> Create(CreateUser command);

    /// <summary>Checks a password; the same refusal for unknown user, wrong password and disabled account, so none can be told apart.</summary>
    [Alias("SignIn")]
    Task<Outcome<UserProfile>> SignIn(string password);

    [Alias("Get")]
    Task<UserProfile?> Get();

    [Alias("SetDisabled")]
    Task<Outcome<UserProfile>> SetDisabled(bool disabled, string actor);
}
