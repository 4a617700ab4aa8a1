using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Audit;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Bulk;
using NotificationOps.Engine.Inbound;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Operations;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Simulated;
using NotificationOps.Engine.Providers.Webhooks;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tracking;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// The one store of NotificationOps: messages, users, API keys and the data-protection key ring. Its migrations are
/// SQLite's (Persistence/Migrations); PostgreSQL's belong to <see cref="PostgreSqlMigrationsContext"/>, the same model
/// under another type so that each provider has its own migrations set in this assembly.
/// </summary>
public class NotificationsDbContext : IdentityDbContext<IdentityUser>, IDataProtectionKeyContext
{
    public NotificationsDbContext(DbContextOptions<NotificationsDbContext> options)
        : base(options)
    {
    }

    protected NotificationsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<JobRun> JobRuns => Set<JobRun>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<MessageEvent> MessageEvents => Set<MessageEvent>();

    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();

    public DbSet<SimulatedReceipt> SimulatedReceipts => Set<SimulatedReceipt>();

    public DbSet<MessageTag> MessageTags => Set<MessageTag>();

    public DbSet<Profile> Profiles => Set<Profile>();

    public DbSet<SubscriptionList> Lists => Set<SubscriptionList>();

    public DbSet<ListSubscription> ListSubscriptions => Set<ListSubscription>();

    public DbSet<FanOutRequest> FanOutRequests => Set<FanOutRequest>();

    public DbSet<Audience> Audiences => Set<Audience>();

    public DbSet<AudienceMember> AudienceMembers => Set<AudienceMember>();

    public DbSet<SubscriptionTopic> SubscriptionTopics => Set<SubscriptionTopic>();

    public DbSet<UserTopicPreference> UserTopicPreferences => Set<UserTopicPreference>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<BulkOperation> BulkOperations => Set<BulkOperation>();

    public DbSet<BulkOperationMessage> BulkOperationMessages => Set<BulkOperationMessage>();

    public DbSet<ProviderIntegration> ProviderIntegrations => Set<ProviderIntegration>();

    public DbSet<ProviderWebhookReceipt> ProviderWebhookReceipts => Set<ProviderWebhookReceipt>();

    public DbSet<TrackedLink> TrackedLinks => Set<TrackedLink>();

    public DbSet<TrackingHit> TrackingHits => Set<TrackingHit>();

    public DbSet<TrackingHitOverflow> TrackingHitOverflows => Set<TrackingHitOverflow>();

    public DbSet<TrackingSigningKey> TrackingSigningKeys => Set<TrackingSigningKey>();

    public DbSet<TrackingWatermark> TrackingWatermarks => Set<TrackingWatermark>();

    public DbSet<TemplateDailyStats> TemplateDailyStats => Set<TemplateDailyStats>();

    public DbSet<LinkDailyStats> LinkDailyStats => Set<LinkDailyStats>();

    public DbSet<Template> Templates => Set<Template>();

    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();

    public DbSet<Brand> Brands => Set<Brand>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    public DbSet<AutomationRun> AutomationRuns => Set<AutomationRun>();

    public DbSet<AutomationRunStep> AutomationRunSteps => Set<AutomationRunStep>();

    public DbSet<AutomationTemplate> AutomationTemplates => Set<AutomationTemplate>();

    public DbSet<InboundEvent> InboundEvents => Set<InboundEvent>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<IncidentUpdate> IncidentUpdates => Set<IncidentUpdate>();

    public DbSet<AlertRecipient> AlertRecipients => Set<AlertRecipient>();

    public DbSet<MetricSample> MetricSamples => Set<MetricSample>();

    public DbSet<BulkJob> BulkJobs => Set<BulkJob>();

    public DbSet<BulkUser> BulkUsers => Set<BulkUser>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; UTC ticks keep time queries indexable and provider-neutral.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(NotificationsDbContext).Assembly);
    }
}
