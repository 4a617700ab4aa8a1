namespace NotificationOps.Engine.Tests.Providers.Ses;

/// <summary>SES notifications in the shapes Amazon's documentation shows, naming our message by its Message-ID header.</summary>
internal static class SesFixtures
{
    public static string Mail(string messageId) => $$$"""
        "mail":{"timestamp":"2016-01-27T14:59:38.237Z","messageId":"0000014644fe5ef6-9a483358-9170-4cb4-a269-f5dcdf415321-000000","source":"john@example.com","sourceArn":"arn:aws:ses:us-east-1:888888888888:identity/example.com","sendingAccountId":"123456789012","destination":["jane@example.com"],"headersTruncated":false,"headers":[{"name":"Message-ID","value":"<{{{messageId}}}@notificationops>"}],"commonHeaders":{"from":["John Doe <john@example.com>"],"date":"Wed, 27 Jan 2016 14:05:45 +0000","to":["Jane Doe <jane@example.com>"],"messageId":"<{{{messageId}}}@notificationops>","subject":"Hello"}}
        """;

    public static string Delivery(string messageId) => $$$"""
        {"notificationType":"Delivery",{{{Mail(messageId)}}},"delivery":{"timestamp":"2016-01-27T14:59:38.237Z","recipients":["jane@example.com"],"processingTimeMillis":546,"reportingMTA":"a8-70.smtp-out.amazonses.com","smtpResponse":"250 ok:  Message 64111812 accepted","remoteMtaIp":"127.0.2.0"}}
        """;

    public static string Bounce(string messageId, string bounceType, string subType = "General") => $$$"""
        {"notificationType":"Bounce",{{{Mail(messageId)}}},"bounce":{"bounceType":"{{{bounceType}}}","bounceSubType":"{{{subType}}}","bouncedRecipients":[{"emailAddress":"jane@example.com","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}],"timestamp":"2016-01-27T14:59:38.237Z","feedbackId":"00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000","remoteMtaIp":"127.0.2.0","reportingMTA":"dsn; a8-70.smtp-out.amazonses.com"}}
        """;

    public static string Complaint(string messageId) => $$$"""
        {"notificationType":"Complaint",{{{Mail(messageId)}}},"complaint":{"userAgent":"AnyCompany Feedback Loop (V0.01)","complainedRecipients":[{"emailAddress":"jane@example.com"}],"complaintFeedbackType":"abuse","arrivalDate":"2016-01-27T14:59:38.237Z","timestamp":"2016-01-27T14:59:38.237Z","feedbackId":"000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000"}}
        """;

    /// <summary>A configuration-set event (event publishing) of the given eventType with its detail object.</summary>
    public static string Event(string messageId, string eventType, string detailName, string detail) => $$$"""
        {"eventType":"{{{eventType}}}",{{{Mail(messageId)}}},"{{{detailName}}}":{{{detail}}}}
        """;
}
