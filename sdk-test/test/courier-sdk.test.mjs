// Courier's official node SDK (@trycourier/courier 7.10.2) against the real NotificationOps app.
// The app is the built Dashboard dll (CONFIGURATION, default Release) on a random loopback port with a
// fresh SQLite file; its built-in simulated providers move messages through SENT to DELIVERED.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import Courier, { AuthenticationError, ConflictError, NotFoundError, UnprocessableEntityError } from '@trycourier/courier';
import { API_KEY, startApp } from '../lib/app.mjs';
import {
  assertEpochMsNearNow, assertPage, call, expectApiError, listAll, waitForStatus,
} from '../lib/helpers.mjs';

const run = randomUUID().slice(0, 8);
const DELIVERY_TIMEOUT_MS = 20_000;
const TEST_TIMEOUT_MS = 90_000;
const EMAIL_ROUTING = { method: 'single', channels: ['email'] };

describe('Courier node SDK 7.10.2 against NotificationOps', () => {
  let app;
  /** @type {Courier} */
  let client;
  let startupError;

  before(async () => {
    try {
      app = await startApp();
      // maxRetries 0: the SDK would otherwise retry 408/409/429/5xx itself and hide the status the server sent.
      client = new Courier({ apiKey: API_KEY, baseURL: app.apiUrl, maxRetries: 0, timeout: 15_000 });
    } catch (err) {
      // A failing hook makes node:test report the tests as "cancelled", which test.sh would not count as
      // failures; so the error is kept and every test fails with it instead.
      startupError = err;
    }
  }, { timeout: 150_000 });

  /** Like test(), but fails at once with the startup error when the app could not be started. */
  function appTest(name, fn) {
    test(name, { timeout: TEST_TIMEOUT_MS }, async (t) => {
      if (startupError) assert.fail(`The app could not be started: ${startupError.message}`);
      await fn(t);
    });
  }

  after(async () => {
    if (!app) return;
    if (app.exited()) {
      console.error(`The app exited while the tests were running. Last output:\n${app.logTail()}`);
    }
    await app.stop();
  });

  /** Sends ad-hoc content to an email address; returns the requestId. */
  async function sendEmail(label, { to, tags = [], traceId, delay, title = 'Hello from the SDK test', body = 'It works.' } = {}) {
    const message = {
      to: to ?? { email: `sdk+${run}-${label}@example.com` },
      content: { title, body },
      routing: EMAIL_ROUTING,
      metadata: { tags: [`sdk-${run}`, ...tags], ...(traceId ? { trace_id: traceId } : {}) },
      ...(delay ? { delay } : {}),
    };
    const res = await call(`send.message (${label})`, () => client.send.message({ message }));
    assert.ok(res && typeof res.requestId === 'string' && res.requestId.length > 0,
      `send.message (${label}) should answer { requestId: string }, got ${JSON.stringify(res)}`);
    return res.requestId;
  }

  appTest('send with content to an email is delivered, with epoch-ms timestamps', async () => {
    const id = await sendEmail('content');

    const first = await call('messages.retrieve right after send', () => client.messages.retrieve(id));
    assert.equal(first.id, id, 'retrieve right after send: id should be the requestId of a single-recipient send');
    assertEpochMsNearNow(first.enqueued, 'enqueued');

    const m = await waitForStatus(client, id, 'DELIVERED', DELIVERY_TIMEOUT_MS);
    assert.equal(m.id, id);
    assertEpochMsNearNow(m.enqueued, 'enqueued');
    assertEpochMsNearNow(m.sent, 'sent');
    assertEpochMsNearNow(m.delivered, 'delivered');
    assert.ok(m.enqueued <= m.sent && m.sent <= m.delivered,
      `timestamps should be ordered enqueued <= sent <= delivered, got ${m.enqueued}, ${m.sent}, ${m.delivered}`);
    for (const field of ['recipient', 'event', 'notification']) {
      assert.equal(typeof m[field], 'string', `MessageDetails.${field} is a required string, got ${JSON.stringify(m[field])}`);
    }
  });

  appTest('a profile created for a user_id is used when sending to that user_id', async () => {
    const userId = `sdk-user-${run}-send`;
    const email = `sdk+${run}-profile@example.com`;

    const created = await call('profiles.create', () => client.profiles.create(userId, { profile: { email } }));
    assert.deepEqual(created, { status: 'SUCCESS' }, 'profiles.create (POST) should answer { status: "SUCCESS" }');

    const got = await call('profiles.retrieve', () => client.profiles.retrieve(userId));
    assert.equal(got?.profile?.email, email, `profiles.retrieve should return { profile: { email } }, got ${JSON.stringify(got)}`);

    const id = await sendEmail('to-user', { to: { user_id: userId } });
    const m = await waitForStatus(client, id, 'DELIVERED', DELIVERY_TIMEOUT_MS);
    assert.equal(m.recipient, userId, 'the recipient of a message sent to { user_id } is that user_id');
  });

  appTest('messages.list filters by status (one or several, comma-joined) and returns the paging shape', async () => {
    const tag = `list-${run}`;
    const deliveredId = await sendEmail('list-delivered', { tags: [tag] });
    const delayedId = await sendEmail('list-delayed', { tags: [tag], delay: { duration: 600_000 } });
    await waitForStatus(client, deliveredId, 'DELIVERED', DELIVERY_TIMEOUT_MS);
    await waitForStatus(client, delayedId, 'DELAYED', 10_000);

    const page = await call('messages.list({status:["DELIVERED"]})', () => client.messages.list({ status: ['DELIVERED'] }));
    assertPage(page, 'messages.list({status:["DELIVERED"]})');
    assert.ok(page.results.length > 0, 'messages.list({status:["DELIVERED"]}) should not be empty');

    const delivered = await listAll(client, { status: ['DELIVERED'] });
    const wrong = delivered.filter((m) => m.status !== 'DELIVERED').map((m) => `${m.id}:${m.status}`);
    assert.deepEqual(wrong, [], 'status=DELIVERED returned messages in other statuses');
    const deliveredIds = delivered.map((m) => m.id);
    assert.ok(deliveredIds.includes(deliveredId), `status=DELIVERED should include ${deliveredId}`);
    assert.ok(!deliveredIds.includes(delayedId), `status=DELIVERED should not include the delayed ${delayedId}`);

    const both = await listAll(client, { status: ['DELIVERED', 'DELAYED'], tag: [tag] });
    assert.deepEqual(
      both.map((m) => `${m.id}:${m.status}`).sort(),
      [`${deliveredId}:DELIVERED`, `${delayedId}:DELAYED`].sort(),
      'status=DELIVERED,DELAYED with tag should return exactly the two tagged messages');

    const onlyDelayed = await listAll(client, { status: ['DELAYED'], tag: [tag] });
    assert.deepEqual(onlyDelayed.map((m) => m.id), [delayedId], 'status=DELAYED with tag should return only the delayed message');

    const none = await listAll(client, { status: ['UNDELIVERABLE'], tag: [tag] });
    assert.deepEqual(none.map((m) => m.id), [], 'status=UNDELIVERABLE with tag should be empty');
  });

  appTest('messages.history of a delivered message has ENQUEUED, SENT, DELIVERED in order', async () => {
    const id = await sendEmail('history');
    await waitForStatus(client, id, 'DELIVERED', DELIVERY_TIMEOUT_MS);

    const history = await call('messages.history', () => client.messages.history(id));
    assert.ok(Array.isArray(history?.results), `messages.history should answer { results: [] }, got ${JSON.stringify(history)}`);
    const types = history.results.map((e) => e.type);
    const at = (type) => types.indexOf(type);
    for (const type of ['ENQUEUED', 'SENT', 'DELIVERED']) {
      assert.ok(at(type) >= 0, `history should contain a ${type} event; types were ${JSON.stringify(types)}`);
    }
    assert.ok(at('ENQUEUED') < at('SENT') && at('SENT') < at('DELIVERED'),
      `history should be chronological (ENQUEUED < SENT < DELIVERED); types were ${JSON.stringify(types)}`);
    for (const e of history.results) {
      assert.equal(typeof e.ts, 'number', `every history event has ts in epoch ms; got ${JSON.stringify(e)}`);
    }
    const tss = history.results.map((e) => e.ts);
    assert.deepEqual(tss, [...tss].sort((a, b) => a - b), `history events should be ordered by ts; got ${JSON.stringify(tss)}`);

    const onlyDelivered = await call('messages.history({type:"DELIVERED"})', () => client.messages.history(id, { type: 'DELIVERED' }));
    const filteredTypes = (onlyDelivered?.results ?? []).map((e) => e.type);
    assert.ok(filteredTypes.length >= 1 && filteredTypes.every((t) => t === 'DELIVERED'),
      `history with type=DELIVERED should return only DELIVERED events; got ${JSON.stringify(filteredTypes)}`);
  });

  appTest('cancel: a delayed message is canceled; a delivered one answers 409', async () => {
    const delayedId = await sendEmail('cancel-delayed', { delay: { duration: 600_000 } });
    const deliveredId = await sendEmail('cancel-delivered');

    await waitForStatus(client, delayedId, 'DELAYED', 10_000);
    const canceled = await call('messages.cancel (delayed message)', () => client.messages.cancel(delayedId));
    assert.equal(canceled?.id, delayedId, `cancel should answer the message record, got ${JSON.stringify(canceled)}`);
    assert.equal(canceled.status, 'CANCELED', 'cancel of a DELAYED message should answer status CANCELED');
    const afterCancel = await call('messages.retrieve (canceled)', () => client.messages.retrieve(delayedId));
    assert.equal(afterCancel.status, 'CANCELED', 'a canceled message stays CANCELED');

    await waitForStatus(client, deliveredId, 'DELIVERED', DELIVERY_TIMEOUT_MS);
    const err = await expectApiError('messages.cancel (delivered message)', 409, () => client.messages.cancel(deliveredId));
    assert.ok(err instanceof ConflictError, `409 should surface as ConflictError, got ${err.constructor.name}`);
    assert.equal(err.error?.id, deliveredId, `the 409 body should be the message record, got ${JSON.stringify(err.error)}`);
    assert.equal(err.error?.status, 'DELIVERED', 'the 409 body should show the unchanged status');
    const still = await call('messages.retrieve (after refused cancel)', () => client.messages.retrieve(deliveredId));
    assert.equal(still.status, 'DELIVERED', 'a refused cancel must not change the message');
  });

  appTest('idempotency: same key and body replays the requestId; same key, different body answers 422', async () => {
    const key = `sdk-idem-${randomUUID()}`;
    const traceId = `trace-${randomUUID()}`;
    const message = {
      to: { email: `sdk+${run}-idem@example.com` },
      content: { title: 'Once only', body: 'Sent with an Idempotency-Key.' },
      routing: EMAIL_ROUTING,
      metadata: { tags: [`sdk-${run}`], trace_id: traceId },
    };
    // The SDK's `idempotencyKey` request option sends nothing in 7.10.2; the header must be set explicitly.
    const withKey = { headers: { 'Idempotency-Key': key } };

    const first = await call('send.message with Idempotency-Key (1st)', () => client.send.message({ message }, withKey));
    const second = await call('send.message with Idempotency-Key (2nd, same body)', () => client.send.message({ message }, withKey));
    assert.equal(typeof first?.requestId, 'string', `send should answer { requestId }, got ${JSON.stringify(first)}`);
    assert.equal(second.requestId, first.requestId, 'the same key and body should replay the first requestId');

    const byTrace = await listAll(client, { traceId });
    assert.deepEqual(byTrace.map((m) => m.id), [first.requestId], `exactly one message should exist for trace_id ${traceId}`);

    const changed = { ...message, content: { ...message.content, body: 'A different body.' } };
    const err = await expectApiError('send.message with a reused key and a different body', 422,
      () => client.send.message({ message: changed }, withKey));
    assert.ok(err instanceof UnprocessableEntityError, `422 should surface as UnprocessableEntityError, got ${err.constructor.name}`);

    const afterConflict = await listAll(client, { traceId });
    assert.equal(afterConflict.length, 1, 'the refused request must not create a message');
  });

  appTest('profiles: POST merges, PUT replaces, DELETE removes (then 404)', async () => {
    const userId = `sdk-user-${run}-profile`;
    await expectApiError('profiles.retrieve of an unknown user', 404, () => client.profiles.retrieve(userId));

    await call('profiles.create (1st)', () => client.profiles.create(userId, { profile: { email: 'a@example.com', name: 'Ada', plan: 'free' } }));
    const merged = await call('profiles.create (merge)', () => client.profiles.create(userId, { profile: { name: 'Grace', locale: 'en' } }));
    assert.deepEqual(merged, { status: 'SUCCESS' }, 'profiles.create (POST) should answer { status: "SUCCESS" }');
    const afterMerge = (await call('profiles.retrieve after merge', () => client.profiles.retrieve(userId)))?.profile;
    assert.equal(afterMerge?.email, 'a@example.com', `POST keeps keys it was not given; profile ${JSON.stringify(afterMerge)}`);
    assert.equal(afterMerge?.plan, 'free', `POST keeps keys it was not given; profile ${JSON.stringify(afterMerge)}`);
    assert.equal(afterMerge?.name, 'Grace', `POST overwrites keys it was given; profile ${JSON.stringify(afterMerge)}`);
    assert.equal(afterMerge?.locale, 'en', `POST adds new keys; profile ${JSON.stringify(afterMerge)}`);

    const replaced = await call('profiles.replace', () => client.profiles.replace(userId, { profile: { email: 'b@example.com', name: 'Linus' } }));
    assert.deepEqual(replaced, { status: 'SUCCESS' }, 'profiles.replace (PUT) should answer { status: "SUCCESS" }');
    const afterReplace = (await call('profiles.retrieve after replace', () => client.profiles.retrieve(userId)))?.profile;
    assert.equal(afterReplace?.email, 'b@example.com', `PUT sets the given keys; profile ${JSON.stringify(afterReplace)}`);
    assert.equal(afterReplace?.name, 'Linus', `PUT sets the given keys; profile ${JSON.stringify(afterReplace)}`);
    assert.ok(!('plan' in afterReplace) && !('locale' in afterReplace),
      `PUT is a full replacement: keys not sent are removed; profile ${JSON.stringify(afterReplace)}`);

    await call('profiles.delete', () => client.profiles.delete(userId));
    const err = await expectApiError('profiles.retrieve after delete', 404, () => client.profiles.retrieve(userId));
    assert.ok(err instanceof NotFoundError, `404 should surface as NotFoundError, got ${err.constructor.name}`);
  });

  /** Our /api/templates (the SDK has no resource for it): creates a template, publishes it unless told not to. */
  async function createTemplate(alias, { publish = true } = {}) {
    const headers = { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' };
    const created = await fetch(`${app.apiUrl}/templates`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        alias,
        name: 'Welcome (SDK test)',
        content: {
          email: { subject: 'Welcome, {{name}}', html: '<h1>Hello {{name}}</h1><p>Plan: {{default plan "free"}}</p>' },
          sms: { text: 'Hi {{name}}' },
        },
      }),
    });
    assert.equal(created.status, 201, `POST /api/templates should answer 201, got ${created.status}: ${await created.text()}`);
    if (publish) {
      const published = await fetch(`${app.apiUrl}/templates/${alias}/publish`, { method: 'POST', headers });
      assert.equal(published.status, 200, `publish should answer 200, got ${published.status}: ${await published.text()}`);
    }
  }

  appTest('send.message with a template alias and data renders the published template', async () => {
    const alias = `welcome-${run}`;
    await createTemplate(alias);

    const res = await call('send.message (template)', () => client.send.message({
      message: { to: { email: `sdk+${run}-template@example.com` }, template: alias, data: { name: 'Ada <3' }, routing: EMAIL_ROUTING },
    }));
    const m = await waitForStatus(client, res.requestId, 'DELIVERED', DELIVERY_TIMEOUT_MS);
    assert.equal(m.notification, alias, `the message should name its template; got ${JSON.stringify(m)}`);

    const output = await call('messages.content', () => client.messages.content(res.requestId));
    const email = output.results?.[0]?.content;
    assert.equal(email?.subject, 'Welcome, Ada <3', `subject rendered with data; output ${JSON.stringify(output)}`);
    assert.match(email?.html ?? '', /<h1>Hello Ada &lt;3<\/h1><p>Plan: free<\/p>/, 'HTML rendered, escaped, with the default helper');
  });

  appTest('send.message with a template that was never published is UNDELIVERABLE (UNPUBLISHED)', async () => {
    const alias = `draft-${run}`;
    await createTemplate(alias, { publish: false });

    const res = await call('send.message (unpublished template)', () => client.send.message({
      message: { to: { email: `sdk+${run}-draft@example.com` }, template: alias, routing: EMAIL_ROUTING },
    }));
    const m = await waitForStatus(client, res.requestId, 'UNDELIVERABLE', DELIVERY_TIMEOUT_MS);
    assert.equal(m.reason, 'UNPUBLISHED', `reason should be UNPUBLISHED; got ${JSON.stringify(m)}`);
  });

  appTest('a wrong API key is refused with 401', async () => {
    const stranger = new Courier({ apiKey: 'nops_wrong_key_0000000000', baseURL: app.apiUrl, maxRetries: 0, timeout: 15_000 });
    const err = await expectApiError('messages.list with a wrong key', 401, () => stranger.messages.list());
    assert.ok(err instanceof AuthenticationError, `401 should surface as AuthenticationError, got ${err.constructor.name}`);
  });
});
