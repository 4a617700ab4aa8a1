using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Api;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// <c>Idempotency-Key</c> on /api POSTs (DESIGN.md, Idempotency): the first request's status and body are
/// stored and replayed for 24 h; the same key with another body → 422; while the first still runs → 409 with
/// Retry-After. Keys are scoped per API key. The unique (scope, key) row is the lock, so of two concurrent
/// requests exactly one runs.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IDbContextFactory<NotificationsDbContext> dbFactory, TimeProvider time)
{
    public const string HeaderName = "Idempotency-Key";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[HeaderName].ToString().Trim();
        var scope = context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim);
        if (key.Length == 0 || scope is null)
        {
            await next(context);
            return;
        }

        if (key.Length > 255)
        {
            await ApiRequestReader.Error(StatusCodes.Status400BadRequest, "invalid_request", "Idempotency-Key is longer than 255 characters.", HeaderName)
                .ExecuteAsync(context);
            return;
        }

        context.Request.EnableBuffering();
        var body = await RequestBodyReader.ReadLimitedAsync(context.Request, ApiRequestReader.DefaultMaxBytes);
        context.Request.Body.Position = 0;
        if (body is null)
        {
            await next(context); // over the size limit: the endpoint answers 413 and stores nothing
            return;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{context.Request.Method} {context.Request.Path}\n")
            .Concat(body).ToArray()));
        var record = await ClaimAsync(scope, key, hash, context.RequestAborted);
        if (record is not null)
        {
            await AnswerExistingAsync(context, record, hash);
            return;
        }

        var original = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        var completed = false;
        try
        {
            await next(context);
            completed = context.Response.StatusCode < 500;
        }
        finally
        {
            context.Response.Body = original;
            await FinishAsync(scope, key, completed ? context.Response : null, captured);
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Inserts the in-progress record; returns the existing one when the key is taken.</summary>
    private async Task<IdempotencyRecord?> ClaimAsync(string scope, string key, string hash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
            if (existing is not null && existing.ExpiresAt > now)
            {
                return existing;
            }

            if (existing is not null)
            {
                await db.IdempotencyRecords.Where(r => r.Id == existing.Id).ExecuteDeleteAsync(cancellationToken);
            }

            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Scope = scope,
                Key = key,
                RequestHash = hash,
                CreatedAt = now,
                ExpiresAt = now + Lifetime,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }
            catch (DbUpdateException)
            {
                // Another request with the same key won the insert; read what it stored.
                db.ChangeTracker.Clear();
            }
        }

        throw new InvalidOperationException("Could not claim the idempotency key.");
    }

    private static async Task AnswerExistingAsync(HttpContext context, IdempotencyRecord record, string hash)
    {
        if (record.RequestHash != hash)
        {
            await ApiRequestReader.Error(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused",
                "This Idempotency-Key was used with a different request body; use a new key for a different request.", HeaderName).ExecuteAsync(context);
            return;
        }

        if (record.CompletedAt is null)
        {
            context.Response.Headers.RetryAfter = "1";
            await ApiRequestReader.Error(StatusCodes.Status409Conflict, "idempotency_in_progress",
                "A request with this Idempotency-Key is still being processed; retry shortly.", HeaderName).ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = record.StatusCode ?? StatusCodes.Status200OK;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (record.ResponseContentType is not null)
        {
            context.Response.ContentType = record.ResponseContentType;
        }

        if (record.ResponseBody is not null)
        {
            await context.Response.WriteAsync(record.ResponseBody, context.RequestAborted);
        }
    }

    /// <summary>Stores the answer; after a server error the key is released so the client can try again.</summary>
    private async Task FinishAsync(string scope, string key, HttpResponse? response, MemoryStream captured)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        if (response is null)
        {
            await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.CompletedAt == null).ExecuteDeleteAsync();
            return;
        }

        var body = Encoding.UTF8.GetString(captured.ToArray());
        var status = response.StatusCode;
        var contentType = response.ContentType;
        var now = time.GetUtcNow();
        await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.StatusCode, status)
            .SetProperty(r => r.ResponseBody, body)
            .SetProperty(r => r.ResponseContentType, contentType)
            .SetProperty(r => r.CompletedAt, now));
    }
}
