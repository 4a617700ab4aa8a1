using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace NotificationOps.Engine.Providers.Simulated;

public sealed class SimulatedProviderFactory : IDeliveryProviderFactory
{
    public string Type => SimulatedProvider.TypeName;

    public IDeliveryProvider Create(string id, ProviderOptions common, IConfigurationSection section)
    {
        var options = new SimulatedOptions();
        section.Bind(options);
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new InvalidOperationException(string.Join(" ", errors.Select(e =>
                $"{ProviderOptions.SectionName}:{id}:{e.MemberNames.FirstOrDefault()}: {e.ErrorMessage}")));
        }

        if (options.TransientFailureRate + options.PermanentFailureRate > 1)
        {
            throw new InvalidOperationException(
                $"{ProviderOptions.SectionName}:{id}: TransientFailureRate + PermanentFailureRate must not exceed 1.");
        }

        return new SimulatedProvider(id, common, options);
    }
}
