using Microsoft.Extensions.Configuration;
using NotificationOps.Engine.Providers.Smtp;

namespace NotificationOps.Engine.Providers.Ses;

/// <summary>
/// Amazon SES sends through its SMTP interface with the SMTP provider (so the Message-ID we set is the one SES's
/// notifications repeat in mail.commonHeaders.messageId); what SES adds is its status notifications over SNS.
/// </summary>
public sealed class SesProviderFactory(SmtpProviderFactory smtp) : IDeliveryProviderFactory
{
    public const string TypeName = "ses";

    public string Type => TypeName;

    public IDeliveryProvider Create(string id, ProviderOptions common, IConfigurationSection section)
    {
        var options = new SesOptions();
        section.Bind(options);
        if (options.AllowedTopicArns.Any(arn => !arn.StartsWith("arn:aws", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{section.Path}:AllowedTopicArns must list SNS topic ARNs (arn:aws:sns:<region>:<account>:<topic>).");
        }

        return smtp.Create(id, common, section);
    }
}
