namespace NotificationOps.Engine.Templates;

/// <summary>The workspace's brand: the layout every template email is wrapped in (logo, colours, footer).</summary>
public sealed class Brand
{
    /// <summary>One brand per workspace, and one workspace per installation: always 1.</summary>
    public int Id { get; set; } = 1;

    public required string Name { get; set; }

    /// <summary>An http(s) URL of the logo image, or null to show the name.</summary>
    public string? LogoUrl { get; set; }

    /// <summary>#rrggbb: the header band.</summary>
    public required string PrimaryColor { get; set; }

    /// <summary>#rrggbb: around the content.</summary>
    public required string BackgroundColor { get; set; }

    /// <summary>HTML with Handlebars (data and profile available), the <c>footer</c> partial.</summary>
    public string? FooterHtml { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>A detached copy: the cached brand is shared by renders, so edits work on a copy.</summary>
    public Brand Copy() => (Brand)MemberwiseClone();

    public static Brand Default => new()
    {
        Name = "NotificationOps",
        PrimaryColor = "#3f51b5",
        BackgroundColor = "#f4f5f7",
        FooterHtml = "You receive this email because you have an account with us.",
    };
}
