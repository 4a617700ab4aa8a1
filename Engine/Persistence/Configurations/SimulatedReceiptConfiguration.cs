using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Providers.Simulated;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class SimulatedReceiptConfiguration : IEntityTypeConfiguration<SimulatedReceipt>
{
    public void Configure(EntityTypeBuilder<SimulatedReceipt> builder)
    {
        builder.ToTable("SimulatedReceipts");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.MessageId).HasMaxLength(40);
        builder.Property(x => x.Provider).HasMaxLength(100);
        builder.Property(x => x.ProviderMessageId).HasMaxLength(256);
        builder.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.MessageId);
        // The recovery sweep's question: what is due?
        builder.HasIndex(x => x.DueAt);
    }
}
