using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Api;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// <c>Idempotency-Key</c> on /api POSTs (DESIGN.md, Idempotency): the first request's status and body are
/// stored and replayed for 24 h; the same key with another body → 422; while the first still runs → 409 with
/// Retry-After. Keys are scoped per API key. The unique (scope, key) row is the lock, so of two concurrent
/// requests exactly one runs. The lock is a lease (<c>Idempotency:LeaseSeconds</c>): a request cut off by a crash
/// leaves its key held only until the lease runs out, then the next request with the key takes it over.
/// </summary>
public sealed class IdempotencyMiddleware(
    RequestDelegate next, IDbContextFactory<NotificationsDbContext> dbFactory, IOptions<IdempotencyOptions> options, TimeProvider time)
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
            await ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", "Idempotency-Key is longer than 255 characters.", HeaderName)
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

        var hash = RequestHash(context.Request.Method, context.Request.Path, body);
        var (record, lease) = await ClaimAsync(scope, key, hash, context.RequestAborted);
        if (record is not null)
        {
            await AnswerExistingAsync(context, record, hash, time.GetUtcNow());
            return;
        }

        context.Features.Set(new IdempotencyHold(scope, key, lease));
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
            await FinishAsync(scope, key, lease, completed ? context.Response : null, captured);
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>What a key is bound to: the same key with another method, path or body is another request.</summary>
    public static string RequestHash(string method, string path, byte[] body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{method} {path}\n").Concat(body).ToArray()));

    /// <summary>
    /// Inserts the in-progress record, or takes over one whose lease ran out; returns the lease now held, or the
    /// existing record when the key is taken.
    /// </summary>
    private async Task<(IdempotencyRecord? Existing, DateTimeOffset Lease)> ClaimAsync(string scope, string key, string hash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            var lease = now + options.Value.Lease;
            var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
            if (existing is not null && existing.ExpiresAt > now)
            {
                if (existing.CompletedAt is not null || existing.RequestHash != hash || existing.LeaseUntil > now)
                {
                    return (existing, default);
                }

                // The first request died holding the key. The update is guarded by the lease still being expired,
                // so of two retries arriving together exactly one takes the record over; the other sees the new lease.
                var taken = await db.IdempotencyRecords
                    .Where(r => r.Id == existing.Id && r.CompletedAt == null && (r.LeaseUntil == null || r.LeaseUntil <= now))
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseUntil, lease), cancellationToken);
                if (taken == 1)
                {
                    return (null, lease);
                }

                continue;
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
                LeaseUntil = lease,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (null, lease);
            }
            catch (DbUpdateException)
            {
                // Another request with the same key won the insert; read what it stored.
                db.ChangeTracker.Clear();
            }
        }

        throw new InvalidOperationException("Could not claim the idempotency key.");
    }

    private static async Task AnswerExistingAsync(HttpContext context, IdempotencyRecord record, string hash, DateTimeOffset now)
    {
        if (record.RequestHash != hash)
        {
            await ApiError.Result(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused",
                "This Idempotency-Key was used with a different request body; use a new key for a different request.", HeaderName).ExecuteAsync(context);
            return;
        }

        if (record.CompletedAt is null)
        {
            // Come back when the lease runs out at the latest: by then the first request has answered or died.
            var wait = record.LeaseUntil is { } until ? Math.Ceiling((until - now).TotalSeconds) : 1;
            context.Response.Headers.RetryAfter = Math.Max(1, wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ApiError.Result(StatusCodes.Status409Conflict, "idempotency_in_progress",
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

    /// <summary>
    /// Stores the answer; after a server error the key is released so the client can try again. Both only while
    /// this request still holds its lease: a request that outlived it has been taken over, and the newer run answers.
    /// </summary>
    private async Task FinishAsync(string scope, string key, DateTimeOffset lease, HttpResponse? response, MemoryStream captured)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var held = db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.CompletedAt == null && r.LeaseUntil == lease);
        if (response is null)
        {
            await held.ExecuteDeleteAsync();
            return;
        }

        var body = Encoding.UTF8.GetString(captured.ToArray());
        var status = response.StatusCode;
        var contentType = response.ContentType;
        var now = time.GetUtcNow();
        await held.ExecuteUpdateAsync(set => set
            .SetProperty(r => r.StatusCode, status)
            .SetProperty(r => r.ResponseBody, body)
            .SetProperty(r => r.ResponseContentType, contentType)
            .SetProperty(r => r.CompletedAt, now));
    }
}
