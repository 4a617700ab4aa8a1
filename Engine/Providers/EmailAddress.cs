using MimeKit;

namespace NotificationOps.Engine.Providers;

/// <summary>A sender as configured ("Name &lt;address&gt;" or an address), split for APIs that take the parts.</summary>
public sealed record EmailAddress(string? Name, string Address)
{
    public static bool TryParse(string text, out EmailAddress address)
    {
        address = new EmailAddress(null, string.Empty);
        if (!MailboxAddress.TryParse(text, out var mailbox) || string.IsNullOrEmpty(mailbox.Address) || !mailbox.Address.Contains('@'))
        {
            return false;
        }

        address = new EmailAddress(string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name, mailbox.Address);
        return true;
    }

    public static EmailAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"Not an email address: {text}");

    public override string ToString() => Name is null ? Address : $"{Name} <{Address}>";
}
