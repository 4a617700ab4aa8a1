namespace NotificationOps.Engine.Providers.Smtp;

/// <summary>The relay offered no TLS where credentials were to be sent: raised on connect, classified as permanent.</summary>
internal sealed class SmtpCleartextCredentialsException : Exception;
