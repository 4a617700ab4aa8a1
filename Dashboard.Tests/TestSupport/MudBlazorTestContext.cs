using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>Base for bUnit tests of MudBlazor components: MudBlazor services and loose JS interop.</summary>
public abstract class MudBlazorTestContext : BunitContext
{
    protected MudBlazorTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
