using System.Security.Claims;
using EsgTrace.Accounts;
using EsgTrace.ApiKeys;
using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EsgTrace.Portal.Api;

/// <summary>Who am I; accounts and API keys (admin).</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (ClaimsPrincipal user) => TypedResults.Ok(new MeResponse(user.Actor(), user.DisplayName(), user.RoleName() ?? string.Empty, user.Identity!.AuthenticationType ?? string.Empty)))
            .RequireAuthorization()
            .WithName("GetMe").WithSummary("The signed-in user or API key, and its role.").WithTags("Accounts");

        var admin = app.MapGroup("/api/admin").RequireAuthorization(Policies.Admin).WithTags("Administration");
        admin.MapGet("/users", ListUsers).WithName("ListUsers").WithSummary("Accounts, in username order, a page at a time.");
        admin.MapPost("/users", CreateUser).WithName("CreateUser").WithSummary("Create a local account.");
        admin.MapPost("/users/{username}/disable", (string username, ClaimsPrincipal user, AccountService accounts) => SetDisabled(username, true, user, accounts))
            .WithName("DisableUser").WithSummary("Disable an account: it can no longer sign in.");
        admin.MapPost("/users/{username}/enable", (string username, ClaimsPrincipal user, AccountService accounts) => SetDisabled(username, false, user, accounts))
            .WithName("EnableUser").WithSummary("Enable a disabled account.");
        admin.MapPut("/users/{username}/role", ChangeRole).WithName("ChangeUserRole").WithSummary("Change an account's role; its sessions end. The last active admin cannot be demoted.");
        admin.MapPost("/users/{username}/password-reset", ResetPassword)
            .WithName("ResetUserPassword").WithSummary("Give an account a new random password (returned once); clears a lockout and ends its sessions.");
        admin.MapPost("/users/{username}/sessions/end", (string username, ClaimsPrincipal user, AccountService accounts) => Reply(accounts.EndSessionsAsync(username, user.Actor())))
            .WithName("EndUserSessions").WithSummary("Sign the account out everywhere.");
        admin.MapGet("/api-keys", ListApiKeys).WithName("ListApiKeys").WithSummary("API keys (never their secrets), a page at a time.");
        admin.MapPost("/api-keys", IssueApiKey).WithName("IssueApiKey").WithSummary("Issue an API key scoped to one role (a supplier key also to one supplier id); the token is returned once.");
        admin.MapDelete("/api-keys/{keyId}", RevokeApiKey).WithName("RevokeApiKey").WithSummary("Revoke an API key at once.");
        return app;
    }

    private static async Task<Ok<Page<UserProfile>>> ListUsers(AccountService accounts, string? after, int? pageSize)
        => TypedResults.Ok(await accounts.ListUsersAsync(after, pageSize ?? 100));

    private static async Task<Results<Created<UserProfile>, ProblemHttpResult>> CreateUser(CreateUserRequest request, ClaimsPrincipal user, AccountService accounts)
    {
        if (!Roles.TryParse(request.Role, out var role))
        {
            return ProblemResults.Invalid("role", $"The role must be one of {Roles.Describe()}.");
        }

        var outcome = await accounts.CreateUserAsync(request.Username ?? string.Empty, request.DisplayName ?? string.Empty, role, request.Password ?? string.Empty, user.Actor());
        return outcome.IsOk ? TypedResults.Created($"/api/admin/users/{outcome.Value!.Username}", outcome.Value) : outcome.Problem!.ToProblem();
    }

    private static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> SetDisabled(string username, bool disabled, ClaimsPrincipal user, AccountService accounts)
    {
        var outcome = await accounts.SetDisabledAsync(username, disabled, user.Actor());
        return outcome.IsOk ? TypedResults.Ok(outcome.Value!) : outcome.Problem!.ToProblem();
    }

    private static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> ChangeRole(string username, ChangeRoleRequest request, ClaimsPrincipal user, AccountService accounts)
        => Roles.TryParse(request.Role, out var role)
            ? await Reply(accounts.ChangeRoleAsync(username, role, user.Actor()))
            : ProblemResults.Invalid("role", $"The role must be one of {Roles.Describe()}.");

    private static async Task<Results<Ok<PasswordResetResponse>, ProblemHttpResult>> ResetPassword(string username, ClaimsPrincipal user, AccountService accounts)
    {
        var password = GeneratedPasswords.New();
        var outcome = await accounts.ResetPasswordAsync(username, password, user.Actor());
        return outcome.IsOk ? TypedResults.Ok(new PasswordResetResponse(outcome.Value!.Username, password)) : outcome.Problem!.ToProblem();
    }

    private static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> Reply(Task<Outcome<UserProfile>> call) => ProblemResults.Reply(await call);

    private static async Task<Ok<Page<ApiKeySummary>>> ListApiKeys(AccountService accounts, string? after, int? pageSize)
        => TypedResults.Ok(await accounts.ListApiKeysAsync(after, pageSize ?? 100));

    private static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult>> IssueApiKey(IssueApiKeyRequest request, ClaimsPrincipal user, AccountService accounts)
    {
        if (!Roles.TryParse(request.Role, out var role))
        {
            return ProblemResults.Invalid("role", $"The role must be one of {Roles.Describe()}.");
        }

        var outcome = await accounts.IssueApiKeyAsync(request.Name ?? string.Empty, role, user.Actor(), request.SupplierId);
        return outcome.IsOk ? TypedResults.Created($"/api/admin/api-keys/{outcome.Value!.Key.KeyId}", outcome.Value) : outcome.Problem!.ToProblem();
    }

    private static async Task<Results<Ok<ApiKeySummary>, ProblemHttpResult>> RevokeApiKey(string keyId, ClaimsPrincipal user, AccountService accounts)
    {
        var outcome = await accounts.RevokeApiKeyAsync(keyId, user.Actor());
        return outcome.IsOk ? TypedResults.Ok(outcome.Value!) : outcome.Problem!.ToProblem();
    }
}

/// <summary>The caller as the platform sees it.</summary>
public sealed record MeResponse(string Name, string DisplayName, string Role, string AuthenticatedBy);

/// <summary>Body of POST /api/admin/users.</summary>
public sealed record CreateUserRequest(string? Username, string? DisplayName, string? Role, string? Password);

/// <summary>Body of PUT /api/admin/users/{username}/role.</summary>
public sealed record ChangeRoleRequest(string? Role);

/// <summary>A reset password, shown once to the admin to hand over.</summary>
public sealed record PasswordResetResponse(string Username, string TemporaryPassword);

/// <summary>Body of POST /api/admin/api-keys; <see cref="SupplierId"/> binds a <c>supplier</c> key to its supplier (required for that role only).</summary>
public sealed record IssueApiKeyRequest(string? Name, string? Role, string? SupplierId = null);
