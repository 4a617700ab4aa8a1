using System.Reflection;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>
/// Calls a component's event handler by name, as a tampered circuit could even when the page hid or disabled the
/// button: what a role may do must be decided by the handler itself.
/// </summary>
public static class Handler
{
    public static Task InvokeAsync<T>(IRenderedComponent<T> component, string name, params object[] arguments)
        where T : IComponent
    {
        var method = typeof(T).GetMethod(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no handler {name}.");
        return component.InvokeAsync(() => (Task)method.Invoke(component.Instance, arguments)!);
    }

    /// <summary>Sets a component's private field, as its bound input would.</summary>
    public static void SetField<T>(IRenderedComponent<T> component, string name, object value)
        where T : IComponent
    {
        var field = typeof(T).GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no field {name}.");
        field.SetValue(component.Instance, value);
    }

    /// <summary>
    /// Calls a handler that may ask for confirmation first: when a dialog offers <paramref name="yesText"/>, answers
    /// it; when the handler ends without asking (a refused role), returns. The call is awaited either way.
    /// </summary>
    public static async Task InvokeConfirmingAsync<T>(
        IRenderedComponent<T> component, IRenderedComponent<MudDialogProvider> dialogs, string yesText, string name, params object[] arguments)
        where T : IComponent
    {
        var call = InvokeAsync(component, name, arguments);
        await ConfirmAsync(dialogs, yesText, call);
        await call;
    }

    /// <summary>Waits until <paramref name="call"/> ended or a dialog offers <paramref name="yesText"/>, and clicks it.</summary>
    public static async Task ConfirmAsync(IRenderedComponent<MudDialogProvider> dialogs, string yesText, Task call)
    {
        AngleSharp.Dom.IElement? yes = null;
        await Eventually.HoldsAsync(
            () =>
            {
                yes = dialogs.FindAll(".mud-dialog button").FirstOrDefault(b => !b.HasAttribute("disabled") && b.TextContent.Trim().StartsWith(yesText, StringComparison.Ordinal));
                return call.IsCompleted || yes is not null;
            },
            $"the handler to end or ask \"{yesText}\"",
            TimeSpan.FromSeconds(15));
        if (!call.IsCompleted && yes is not null)
        {
            await yes.ClickAsync(new());
        }
    }
}
