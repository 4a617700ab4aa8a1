// Polling and assertion helpers whose failures say what was expected and what the server actually answered.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { APIError } from '@trycourier/courier';

/** Statuses a message never leaves (for the purpose of waiting on it). */
const TERMINAL = new Set(['DELIVERED', 'OPENED', 'CLICKED', 'UNDELIVERABLE', 'UNROUTABLE', 'CANCELED']);

export function describeError(err) {
  if (err instanceof APIError && err.status !== undefined) {
    const body = err.error === undefined ? '(no JSON body)' : JSON.stringify(err.error);
    return `${err.constructor.name} HTTP ${err.status}: ${body}`;
  }
  const cause = err?.cause ? ` (cause: ${err.cause.message ?? err.cause})` : '';
  return `${err?.constructor?.name ?? 'Error'}: ${err?.message ?? err}${cause}`;
}

/** Awaits an SDK call; on failure rethrows with a label and the HTTP status/body. */
export async function call(label, fn) {
  try {
    return await fn();
  } catch (err) {
    const wrapped = new Error(`${label} failed: ${describeError(err)}`);
    wrapped.cause = err;
    throw wrapped;
  }
}

/** Asserts that the SDK call rejects with an APIError of the given HTTP status, and returns that error. */
export async function expectApiError(label, status, fn) {
  let result;
  try {
    result = await fn();
  } catch (err) {
    if (err instanceof APIError && err.status === status) return err;
    assert.fail(`${label}: expected HTTP ${status}, got ${describeError(err)}`);
  }
  assert.fail(`${label}: expected HTTP ${status}, but the call succeeded with ${JSON.stringify(result)}`);
}

/**
 * Polls `probe` until `done(value)` is true or the deadline passes. `probe` errors are remembered and
 * reported, not swallowed silently. `giveUp(value)` may return a reason to stop early.
 */
export async function pollUntil({ label, probe, done, giveUp = () => null, timeoutMs = 20_000, intervalMs = 250 }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (done(last)) return last;
      const reason = giveUp(last);
      if (reason) assert.fail(`${label}: gave up: ${reason}; last value ${JSON.stringify(last)}`);
    } catch (err) {
      if (err instanceof assert.AssertionError) throw err;
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const lastSeen = lastError ? `last error ${describeError(lastError)}` : `last value ${JSON.stringify(last)}`;
      assert.fail(`${label}: not reached within ${timeoutMs} ms; ${lastSeen}`);
    }
    await delay(intervalMs);
  }
}

/** Polls messages.retrieve until the message has `status`; fails early when it ends in another final status. */
export function waitForStatus(client, messageId, status, timeoutMs = 20_000) {
  return pollUntil({
    label: `message ${messageId} reaching ${status}`,
    probe: () => client.messages.retrieve(messageId),
    done: (m) => m?.status === status,
    giveUp: (m) => (m && TERMINAL.has(m.status) && m.status !== status && !(status === 'DELIVERED' && ['OPENED', 'CLICKED'].includes(m.status))
      ? `it ended in ${m.status} (reason ${m.reason ?? '-'}, error ${m.error ?? '-'})`
      : null),
    timeoutMs,
  });
}

/** Follows `paging.cursor` while `paging.more`, checking the paging shape on every page. */
export async function listAll(client, query, maxPages = 50) {
  const results = [];
  const seenCursors = new Set();
  let cursor;
  for (let page = 0; page < maxPages; page++) {
    const q = cursor ? { ...query, cursor } : query;
    const res = await call(`messages.list(${JSON.stringify(q)})`, () => client.messages.list(q));
    assertPage(res, `messages.list(${JSON.stringify(q)})`);
    results.push(...res.results);
    if (!res.paging.more) return results;
    cursor = res.paging.cursor;
    assert.ok(typeof cursor === 'string' && cursor.length > 0,
      `messages.list(${JSON.stringify(q)}): paging.more is true but paging.cursor is ${JSON.stringify(cursor)}`);
    assert.ok(!seenCursors.has(cursor), `messages.list: cursor ${cursor} was returned twice (paging loops)`);
    seenCursors.add(cursor);
  }
  assert.fail(`messages.list(${JSON.stringify(query)}): still more pages after ${maxPages}`);
}

export function assertPage(res, label) {
  assert.ok(res && typeof res === 'object', `${label}: expected a JSON object, got ${JSON.stringify(res)}`);
  assert.ok(res.paging && typeof res.paging === 'object', `${label}: missing "paging" in ${JSON.stringify(res)}`);
  assert.equal(typeof res.paging.more, 'boolean', `${label}: paging.more should be a boolean, got ${JSON.stringify(res.paging)}`);
  assert.ok(Array.isArray(res.results), `${label}: "results" should be an array, got ${JSON.stringify(res.results)}`);
}

/** Epoch milliseconds close to now (catches seconds or ISO strings). */
export function assertEpochMsNearNow(value, field) {
  assert.equal(typeof value, 'number', `${field} should be a number of epoch ms, got ${JSON.stringify(value)}`);
  const skew = Math.abs(Date.now() - value);
  assert.ok(skew < 10 * 60_000, `${field}=${value} is not epoch ms near now (off by ${skew} ms)`);
}
