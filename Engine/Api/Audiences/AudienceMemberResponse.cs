using System.Text.Json.Serialization;
using NotificationOps.Engine.Audiences;

namespace NotificationOps.Engine.Api;

/// <summary>One member, as Courier's <c>AudienceListMembersResponse.Item</c>.</summary>
public sealed record AudienceMemberResponse(
    [property: JsonPropertyName("member_id")] string MemberId,
    [property: JsonPropertyName("audience_id")] string AudienceId,
    [property: JsonPropertyName("audience_version")] int AudienceVersion,
    [property: JsonPropertyName("added_at")] string AddedAt,
    [property: JsonPropertyName("reason")] string Reason)
{
    public static AudienceMemberResponse From(AudienceMember m) => new(m.UserId, m.AudienceId, m.Version, ListResponse.Iso(m.AddedAt), m.Reason);
}
