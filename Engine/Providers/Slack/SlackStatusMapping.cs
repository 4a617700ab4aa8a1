namespace NotificationOps.Engine.Providers.Slack;

/// <summary>
/// Slack answers chat.postMessage with HTTP 200 and {"ok":false,"error":"..."}, and incoming webhooks with a
/// plain-text error word; this is what each documented word means for the attempt. Chat has no delivery receipt:
/// ok:true is DELIVERED. A word Slack adds later is treated as permanent (fail over), the safe side for a post.
/// </summary>
public static class SlackStatusMapping
{
    public static readonly StatusMappingTable Table = new("slack", "Slack", "error", [
        StatusRule.Status("ok", Messages.MessageStatus.Delivered, "Posted; chat has no delivery receipt, so the post is the delivery."),
        StatusRule.Transient("ratelimited", "Too many calls (HTTP 429 with Retry-After)."),
        StatusRule.Transient("rate_limited", "Application rate-limited (older spelling)."),
        StatusRule.Transient("message_limit_exceeded", "Members on this team are sending too many messages."),
        StatusRule.Transient("internal_error", "Slack hit an internal error."),
        StatusRule.Transient("fatal_error", "Slack could not complete the request."),
        StatusRule.Transient("service_unavailable", "Slack is unavailable."),
        StatusRule.Transient("request_timeout", "The request timed out on Slack's side."),
        StatusRule.Transient("team_added_to_org", "The workspace is being migrated into an organisation."),
        StatusRule.Transient("rollup_error", "Incoming webhook: Slack had a problem (HTTP 500)."),
        StatusRule.Permanent("channel_not_found", "The channel does not exist or the app cannot see it."),
        StatusRule.Permanent("not_in_channel", "The bot is not a member of the channel."),
        StatusRule.Permanent("is_archived", "The channel is archived."),
        StatusRule.Permanent("channel_is_archived", "Incoming webhook: the channel is archived (HTTP 410)."),
        StatusRule.Permanent("msg_too_long", "The text is too long."),
        StatusRule.Permanent("no_text", "No text was given."),
        StatusRule.Permanent("too_many_attachments", "More than 100 attachments."),
        StatusRule.Permanent("invalid_blocks", "The blocks are invalid."),
        StatusRule.Permanent("invalid_blocks_format", "The blocks are not a JSON array."),
        StatusRule.Permanent("restricted_action", "A workspace preference forbids posting to this channel."),
        StatusRule.Permanent("restricted_action_read_only_channel", "The channel is read-only."),
        StatusRule.Permanent("restricted_action_thread_only_channel", "The channel accepts thread replies only."),
        StatusRule.Permanent("restricted_action_non_threadable_channel", "The channel cannot have threads."),
        StatusRule.Permanent("restricted_action_thread_locked", "The thread is locked."),
        StatusRule.Permanent("as_user_not_supported", "as_user is not supported by this token."),
        StatusRule.Permanent("duplicate_channel_not_found", "The channel of the duplicate is not found."),
        StatusRule.Permanent("ekm_access_denied", "Administrators suspended posting (Enterprise Key Management)."),
        StatusRule.Permanent("messages_tab_disabled", "The app's Messages tab is disabled."),
        StatusRule.Permanent("team_access_not_granted", "The token cannot reach the workspace of the channel."),
        StatusRule.Permanent("invalid_auth", "The token is invalid."),
        StatusRule.Permanent("not_authed", "No token was given."),
        StatusRule.Permanent("account_inactive", "The token belongs to a deleted user or workspace."),
        StatusRule.Permanent("token_revoked", "The token was revoked."),
        StatusRule.Permanent("token_expired", "The token expired."),
        StatusRule.Permanent("missing_scope", "The token lacks chat:write."),
        StatusRule.Permanent("no_permission", "The workspace token lacks permission."),
        StatusRule.Permanent("not_allowed_token_type", "This token type cannot post."),
        StatusRule.Permanent("access_denied", "Access to the resource was denied."),
        StatusRule.Permanent("invalid_arguments", "The request's arguments are invalid."),
        StatusRule.Permanent("invalid_payload", "Incoming webhook: the JSON is malformed (HTTP 400)."),
        StatusRule.Permanent("action_prohibited", "Incoming webhook: an admin restricted posting (HTTP 403)."),
        StatusRule.Permanent("posting_to_general_channel_denied", "Incoming webhook: only admins may post to #general."),
        StatusRule.Permanent("no_service", "Incoming webhook: the webhook is disabled, removed or invalid (HTTP 404)."),
        StatusRule.Permanent("invalid_token", "Incoming webhook: the token is invalid (HTTP 403)."),
        StatusRule.Permanent("team_disabled", "Incoming webhook: the workspace is disabled."),
        StatusRule.Permanent("user_not_found", "Incoming webhook: the user is not found."),
    ]);
}
