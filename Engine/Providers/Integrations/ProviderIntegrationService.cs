using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Providers.Integrations;

/// <summary>
/// The integrations added in Settings → Providers: stored with their settings encrypted by ASP.NET Core Data
/// Protection (keys kept in this database), checked by building the provider before anything is saved, and
/// applied to the <see cref="ProviderRegistry"/> at once after every change — no restart.
/// </summary>
public sealed partial class ProviderIntegrationService(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    ProviderRegistry registry,
    IDataProtectionProvider dataProtection,
    TimeProvider time)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("NotificationOps.ProviderIntegrations.v1");
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Reads every stored integration into the registry (at start-up, and after each change).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ProviderIntegrations.AsNoTracking().ToListAsync(cancellationToken);
        registry.Apply(rows.Select(r => new StoredIntegration(r.Id, r.Type, r.Channel, r.Priority, r.Enabled, Unprotect(r.ProtectedSettings))));
    }

    /// <summary>
    /// Reads the stored integrations again, after any change in progress here: another instance on a shared database
    /// may have changed them (<see cref="ProviderIntegrationRefresher"/>). Unchanged ones keep their providers.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The stored settings for the edit form, secrets left out (an empty secret on save keeps the stored one).</summary>
    public async Task<IntegrationInput?> GetForEditAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ProviderIntegrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var type = ProviderTypeCatalog.Find(row.Type);
        var stored = Unprotect(row.ProtectedSettings);
        var input = new IntegrationInput { Id = row.Id, Type = row.Type, Channel = row.Channel, Priority = row.Priority, Enabled = row.Enabled };
        foreach (var field in type?.Fields ?? [])
        {
            input.Settings[field.Key] = field.Secret ? null
                : field.List ? string.Join('\n', stored.Where(s => s.Key.StartsWith(field.Key + ":", StringComparison.Ordinal)).Select(s => s.Value))
                : stored.GetValueOrDefault(field.Key);
        }

        return input;
    }

    /// <summary>Adds (<paramref name="existingId"/> null) or replaces a stored integration, if its settings build a provider.</summary>
    public async Task<IntegrationResult> SaveAsync(IntegrationInput input, string? existingId, CancellationToken cancellationToken = default)
    {
        var type = ProviderTypeCatalog.Find(input.Type);
        var id = input.Id.Trim();
        var channel = input.Channel.Trim().ToLowerInvariant();
        if (type is null)
        {
            return IntegrationResult.Refused($"Type '{input.Type}' is unknown.");
        }

        if (!IdPattern().IsMatch(id))
        {
            return IntegrationResult.Refused("Id: 1–100 letters, digits, '-' or '_'.");
        }

        if (!type.Channels.Contains(channel))
        {
            return IntegrationResult.Refused($"Channel must be {string.Join(" or ", type.Channels)} for {type.Name}.");
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var row = existingId is null ? null : await db.ProviderIntegrations.FirstOrDefaultAsync(r => r.Id == existingId, cancellationToken);
            if (existingId is not null && row is null)
            {
                return IntegrationResult.Refused($"Integration '{existingId}' no longer exists.");
            }

            if ((existingId is null || !string.Equals(existingId, id, StringComparison.OrdinalIgnoreCase))
                && registry.Integration(id) is not null)
            {
                return IntegrationResult.Refused($"Id '{id}' is already used.");
            }

            var settings = Merge(type, input.Settings, row is null ? new Dictionary<string, string?>() : Unprotect(row.ProtectedSettings));
            var problem = await CheckAsync(id, type.Type, channel, input.Priority, settings);
            if (problem is not null)
            {
                return IntegrationResult.Refused(problem);
            }

            var now = time.GetUtcNow();
            if (row is not null && row.Id != id)
            {
                db.ProviderIntegrations.Remove(row);
                row = null;
            }

            if (row is null)
            {
                row = new ProviderIntegration { Id = id, Type = type.Type, Channel = channel, ProtectedSettings = string.Empty, CreatedAt = now };
                db.ProviderIntegrations.Add(row);
            }

            row.Channel = channel;
            row.Priority = input.Priority;
            row.Enabled = input.Enabled;
            row.UpdatedAt = now;
            row.ProtectedSettings = protector.Protect(JsonSerializer.Serialize(settings));
            await db.SaveChangesAsync(cancellationToken);
            await LoadAsync(cancellationToken);
            return IntegrationResult.Done;
        }
        finally
        {
            gate.Release();
        }
    }

    public Task<IntegrationResult> SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, (row, _) => row.Enabled = enabled, cancellationToken);

    public async Task<IntegrationResult> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var deleted = await db.ProviderIntegrations.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
            await LoadAsync(cancellationToken);
            return deleted == 0 ? IntegrationResult.Refused($"Integration '{id}' does not exist (or comes from configuration).") : IntegrationResult.Done;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Moves a stored integration one place earlier (<paramref name="earlier"/>) or later among its channel's
    /// providers by taking a priority just past its neighbour's (configured ones cannot move, but can be passed).
    /// </summary>
    public Task<IntegrationResult> MoveAsync(string id, bool earlier, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, (row, db) =>
        {
            var order = registry.Entries.Where(e => e.Channel == row.Channel).OrderBy(e => e.Priority).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
            var index = order.FindIndex(e => e.Id == row.Id);
            var neighbour = earlier ? index - 1 : index + 1;
            if (index < 0 || neighbour < 0 || neighbour >= order.Count)
            {
                return;
            }

            var other = order[neighbour];
            if (other.Source == ProviderSource.Database && other.Priority != row.Priority && db.ProviderIntegrations.Find(other.Id) is { } otherRow)
            {
                (row.Priority, otherRow.Priority) = (otherRow.Priority, row.Priority);
            }
            else
            {
                row.Priority = other.Priority + (earlier ? -1 : 1);
            }
        }, cancellationToken);

    private async Task<IntegrationResult> ChangeAsync(string id, Action<ProviderIntegration, NotificationsDbContext> change, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var row = await db.ProviderIntegrations.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (row is null)
            {
                return IntegrationResult.Refused($"Integration '{id}' does not exist (or comes from configuration).");
            }

            change(row, db);
            row.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await LoadAsync(cancellationToken);
            return IntegrationResult.Done;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Builds the provider from the settings as the registry would; the error names the setting to fix.</summary>
    private async Task<string?> CheckAsync(string id, string type, string channel, int priority, IReadOnlyDictionary<string, string?> settings)
    {
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"{ProviderOptions.SectionName}:{id}:{s.Key}", s.Value)))
            .Build()
            .GetSection($"{ProviderOptions.SectionName}:{id}");
        try
        {
            var provider = registry.Build(id, new ProviderOptions { Type = type, Channel = channel, Priority = priority }, section);
            if (provider is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }

            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException)
        {
            return ex.Message.Replace($"{ProviderOptions.SectionName}:{id}:", string.Empty, StringComparison.Ordinal);
        }
    }

    /// <summary>The settings to store: the form's values, stored secrets kept where the form left them empty.</summary>
    private static Dictionary<string, string?> Merge(ProviderTypeInfo type, IReadOnlyDictionary<string, string?> entered, IReadOnlyDictionary<string, string?> stored)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in type.Fields)
        {
            var value = entered.GetValueOrDefault(field.Key)?.Trim();
            if (field.List)
            {
                var items = (value ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                for (var i = 0; i < items.Length; i++)
                {
                    settings[$"{field.Key}:{i}"] = items[i];
                }
            }
            else if (!string.IsNullOrEmpty(value))
            {
                settings[field.Key] = value;
            }
            else if (field.Secret && stored.GetValueOrDefault(field.Key) is { Length: > 0 } kept)
            {
                settings[field.Key] = kept;
            }
        }

        return settings;
    }

    private Dictionary<string, string?> Unprotect(string protectedSettings) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(protector.Unprotect(protectedSettings)) ?? [];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex IdPattern();
}
