// Courier's node SDK 7.10.2: automations (invoke ad hoc and by template, list) and inbound track events
// against the real NotificationOps app, as a new user would call them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import Courier, { BadRequestError, ConflictError } from '@trycourier/courier';
import { API_KEY, startApp } from '../lib/app.mjs';
import { call, expectApiError, waitForStatus } from '../lib/helpers.mjs';

const run = randomUUID().slice(0, 8);
const TEST_TIMEOUT_MS = 90_000;

describe('Courier node SDK 7.10.2: automations and inbound', () => {
  let app;
  /** @type {Courier} */
  let client;
  let startupError;
  const template = `sdk-auto-${run}`;

  before(async () => {
    try {
      app = await startApp();
      client = new Courier({ apiKey: API_KEY, baseURL: app.apiUrl, maxRetries: 0, timeout: 15_000 });
      await client.post('/templates', { body: { alias: template, name: 'SDK automation', content: { email: { subject: 'Hi {{name}}', html: '<p>Hello {{name}}</p>' } } } });
      await client.post(`/templates/${template}/publish`, { body: {} });
    } catch (err) {
      startupError = err;
    }
  }, { timeout: 150_000 });

  function appTest(name, fn) {
    test(name, { timeout: TEST_TIMEOUT_MS }, async (t) => {
      if (startupError) assert.fail(`The app could not be started: ${startupError.message}`);
      await fn(t);
    });
  }

  after(async () => {
    if (app) await app.stop();
  });

  async function waitForRun(runId, status, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      last = await client.get(`/automations/runs/${runId}`);
      if (last.status === status) return last;
      await delay(200);
    }
    assert.fail(`run ${runId} did not reach ${status}; last: ${JSON.stringify(last)}`);
  }

  appTest('invokeAdHoc with a delay and a send: the message is sent after the delay', async () => {
    const startedAt = Date.now();
    const res = await call('invokeAdHoc', () => client.automations.invoke.invokeAdHoc({
      automation: { steps: [{ action: 'delay', duration: '2 seconds' }, { action: 'send', template }] },
      recipient: `sdk-user-${run}`,
      profile: { email: `sdk+${run}-auto@example.com` },
      data: { name: 'Ada' },
    }));
    assert.equal(typeof res.runId, 'string');

    const done = await waitForRun(res.runId, 'COMPLETED');
    const send = done.steps[1];
    assert.equal(send.action, 'send');
    const message = await waitForStatus(client, send.message_id, 'DELIVERED', 20_000);
    assert.ok(message.enqueued >= startedAt + 2000, `sent ${message.enqueued - startedAt} ms after invoke, before the 2 s delay ended`);
  });

  appTest('invokeAdHoc with the same Idempotency-Key starts one run', async () => {
    const key = `sdk-${run}-idem`;
    const body = { automation: { steps: [{ action: 'delay', duration: '1 day' }] }, recipient: `idem-${run}` };
    const first = await call('first', () => client.automations.invoke.invokeAdHoc(body, { headers: { 'Idempotency-Key': key } }));
    const second = await call('second', () => client.automations.invoke.invokeAdHoc(body, { headers: { 'Idempotency-Key': key } }));
    assert.equal(second.runId, first.runId);
    const runs = await client.get('/automations/runs', { query: { recipient: `idem-${run}` } });
    assert.equal(runs.results.length, 1);
  });

  appTest('a cancel step stops the waiting run with the same token', async () => {
    const waiting = await client.automations.invoke.invokeAdHoc({
      automation: { cancelation_token: `order-{{order}}`, steps: [{ action: 'delay', duration: '1 hour' }, { action: 'send', template }] },
      profile: { email: `sdk+${run}-cancel@example.com` },
      data: { order: run },
    });
    await waitForRun(waiting.runId, 'WAITING');
    await client.automations.invoke.invokeAdHoc({ automation: { steps: [{ action: 'cancel', cancelation_token: `order-${run}` }] } });
    await waitForRun(waiting.runId, 'CANCELED');
  });

  appTest('bad step input is a 400 naming the step and field', async () => {
    const err = await expectApiError('unknown action', 400, () => client.automations.invoke.invokeAdHoc({
      automation: { steps: [{ action: 'delay', duration: '5 minutes' }, { action: 'delay', duration: 'whenever' }] },
    }));
    assert.ok(err instanceof BadRequestError);
    assert.equal(err.error.field, 'automation.steps[1].duration');
  });

  appTest('templates: invokeByTemplate and list', async () => {
    const id = `sdk-flow-${run}`;
    await client.put(`/automations/templates/${id}`, { body: { name: 'SDK flow', steps: [{ action: 'delay', duration: '1 day' }], trigger_events: [`sdk-event-${run}`] } });
    await client.post(`/automations/templates/${id}/publish`, { body: {} });

    const res = await call('invokeByTemplate', () => client.automations.invoke.invokeByTemplate(id, { recipient: `tmpl-${run}`, data: { a: 1 } }));
    const list = await call('list', () => client.automations.list());

    assert.equal((await waitForRun(res.runId, 'WAITING')).template, id);
    const listed = list.templates.find((t) => t.id === id);
    assert.deepEqual([listed?.name, listed?.version], ['SDK flow', 'published']);
  });

  appTest('inbound.trackEvent starts the triggered template; a repeated messageId is 409 and not retried', async () => {
    const id = `sdk-inbound-${run}`;
    const event = `sdk-inbound-event-${run}`;
    await client.put(`/automations/templates/${id}`, { body: { steps: [{ action: 'delay', duration: '1 day' }], trigger_events: [event] } });
    await client.post(`/automations/templates/${id}/publish`, { body: {} });
    const messageId = randomUUID();
    const body = { type: 'track', event, messageId, userId: `inbound-${run}`, properties: { plan: 'pro' } };

    const res = await call('trackEvent', () => client.inbound.trackEvent(body));
    assert.equal(res.messageId, messageId);
    const runs = await client.get('/automations/runs', { query: { template: id } });
    assert.equal(runs.results.length, 1);
    assert.equal(runs.results[0].recipient, `inbound-${run}`);

    // With retries on, the SDK would retry a 409 unless the server says x-should-retry: false.
    const retrying = new Courier({ apiKey: API_KEY, baseURL: app.apiUrl, maxRetries: 3, timeout: 15_000 });
    const startedAt = Date.now();
    const err = await expectApiError('repeat', 409, () => retrying.inbound.trackEvent(body));
    assert.ok(err instanceof ConflictError);
    assert.ok(Date.now() - startedAt < 2000, 'the SDK retried the 409');
  });
});
