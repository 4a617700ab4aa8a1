using System.Reflection;
using Bunit;
using Microsoft.AspNetCore.Components;

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
}
