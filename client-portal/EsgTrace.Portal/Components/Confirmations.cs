using MudBlazor;

namespace EsgTrace.Portal.Components;

/// <summary>The question asked before an action that cannot be undone (withdraw a claim, revoke a key, disable a user).</summary>
public static class Confirmations
{
    /// <summary>Shows a dialog naming the action; true only when the user presses the action's button (Cancel, Escape or a click outside: false).</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string action)
        => await dialogs.ShowMessageBoxAsync(title, message, yesText: action, cancelText: "Cancel",
            options: new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true }) == true;
}
