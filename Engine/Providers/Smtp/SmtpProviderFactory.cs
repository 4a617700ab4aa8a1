using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NotificationOps.Engine.Providers.Smtp;

/// <summary>Builds <see cref="SmtpProvider"/>s from Providers:&lt;id&gt; sections whose Type is smtp.</summary>
public sealed class SmtpProviderFactory(TimeProvider time, ILoggerFactory loggerFactory) : IDeliveryProviderFactory
{
    public const string ProviderType = "smtp";

    public string Type => ProviderType;

    public IDeliveryProvider Create(string id, ProviderOptions common, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(common);
        ArgumentNullException.ThrowIfNull(section);

        var path = section.Path;
        var errors = new List<string>();
        var options = new SmtpOptions();

        // The binder's own message for an unknown enum value does not list the allowed ones.
        var security = section[nameof(SmtpOptions.Security)];
        if (!string.IsNullOrWhiteSpace(security)
            && (!Enum.TryParse<SmtpSecurity>(security, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(security.Trim()[0])))
        {
            errors.Add($"{path}:Security must be one of {string.Join(", ", Enum.GetNames<SmtpSecurity>())} (was \"{security}\")");
        }
        else
        {
            try
            {
                section.Bind(options);
            }
            catch (InvalidOperationException ex)
            {
                // The binder names the full key, e.g. "...value at 'Providers:smtp:Port' to type 'System.Int32'".
                errors.Add(ex.Message);
            }
        }

        if (errors.Count == 0)
        {
            errors.AddRange(options.Validate(path));
        }

        if (!string.IsNullOrEmpty(common.Channel) && !string.Equals(common.Channel, SmtpProvider.EmailChannel, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{path}:Channel must be {SmtpProvider.EmailChannel} for an smtp provider (was \"{common.Channel}\")");
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(path, typeof(SmtpOptions), errors);
        }

        return new SmtpProvider(id, common.Priority, options, time, loggerFactory.CreateLogger<SmtpProvider>());
    }
}
