using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Providers.Fcm;

/// <summary>
/// FCM HTTP v1 answers: the error's details carry an FcmError errorCode (else the google.rpc status). FCM sends
/// no delivery receipt to servers, so an accepted push stays SENT.
/// </summary>
public static class FcmStatusMapping
{
    public static readonly StatusMappingTable Table = new("fcm", "Firebase Cloud Messaging", "error code", [
        StatusRule.Status("(200, name)", MessageStatus.Sent, "Accepted for delivery; FCM sends servers no receipt."),
        StatusRule.Permanent("UNSPECIFIED_ERROR", "No more information is available."),
        StatusRule.Permanent("INVALID_ARGUMENT", "HTTP 400: the request or the registration token is invalid."),
        StatusRule.Permanent("UNREGISTERED", "HTTP 404: the app instance was unregistered; the token is no longer valid."),
        StatusRule.Permanent("SENDER_ID_MISMATCH", "HTTP 403: the token belongs to another sender."),
        StatusRule.Transient("QUOTA_EXCEEDED", "HTTP 429: sending limit exceeded; retry with backoff (Retry-After)."),
        StatusRule.Transient("UNAVAILABLE", "HTTP 503: the server is overloaded; retry (Retry-After)."),
        StatusRule.Transient("INTERNAL", "HTTP 500: unknown internal error; retry."),
        StatusRule.Permanent("THIRD_PARTY_AUTH_ERROR", "HTTP 401: the APNs certificate or web push key is invalid."),
        StatusRule.Transient("UNAUTHENTICATED", "HTTP 401: our access token was refused; a new one is fetched and the attempt retried."),
        StatusRule.Permanent("PERMISSION_DENIED", "HTTP 403: the service account may not send for this project."),
        StatusRule.Permanent("NOT_FOUND", "HTTP 404: the project or token is unknown."),
    ]);
}
