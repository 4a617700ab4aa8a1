using System.ComponentModel.DataAnnotations;
using NotificationOps.Engine.Providers;

namespace NotificationOps.Engine.Preferences;

/// <summary>Unsubscribe links in email sent under a topic (section <c>Unsubscribe</c>).</summary>
public sealed class UnsubscribeOptions : IValidatableObject
{
    public const string SectionName = "Unsubscribe";

    /// <summary>
    /// The mailbox a <c>mailto:</c> unsubscribe goes to (<c>List-Unsubscribe</c>'s second entry, subject carrying the
    /// token); no mailto is offered when empty. Mail to it is not read by NotificationOps: it reaches the operator.
    /// </summary>
    public string? Mailto { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Mailto) && (!EmailAddress.TryParse(Mailto, out var address) || address.Name is not null || address.Address != Mailto.Trim()))
        {
            yield return new ValidationResult($"Unsubscribe:Mailto must be a bare email address (user@example.com), not '{Mailto}'.", [nameof(Mailto)]);
        }
    }
}
