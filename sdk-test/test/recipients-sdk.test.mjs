// Courier's node SDK against NotificationOps: lists, subscriptions, a profile's lists, preferences, fan-out, audiences and bulk jobs (issue 14).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import Courier, { BadRequestError, NotFoundError } from '@trycourier/courier';
import { API_KEY, startApp } from '../lib/app.mjs';
import { call, expectApiError, listAll, pollUntil, waitForStatus } from '../lib/helpers.mjs';

const run = randomUUID().slice(0, 8);
const TEST_TIMEOUT_MS = 90_000;

describe('Courier node SDK 7.10.2: lists, preferences, fan-out, audiences and bulk jobs', () => {
  let app;
  /** @type {Courier} */
  let client;
  let startupError;

  before(async () => {
    try {
      app = await startApp();
      client = new Courier({ apiKey: API_KEY, baseURL: app.apiUrl, maxRetries: 0, timeout: 15_000 });
    } catch (err) {
      startupError = err;
    }
  }, { timeout: 150_000 });

  after(async () => {
    if (app) await app.stop();
  });

  function appTest(name, fn) {
    test(name, { timeout: TEST_TIMEOUT_MS }, async (t) => {
      if (startupError) assert.fail(`The app could not be started: ${startupError.message}`);
      await fn(t);
    });
  }

  appTest('lists: update creates, retrieve and list (with pattern) answer the SDK shapes', async () => {
    await call('lists.update', () => client.lists.update(`${run}.news.us`, { name: 'US news' }));
    await call('lists.update', () => client.lists.update(`${run}.news.eu`, { name: 'EU news' }));
    await call('lists.update', () => client.lists.update(`${run}.news.eu.west`, { name: 'West' }));

    const one = await call('lists.retrieve', () => client.lists.retrieve(`${run}.news.us`));
    assert.equal(one.id, `${run}.news.us`);
    assert.equal(one.name, 'US news');
    assert.ok(!Number.isNaN(Date.parse(one.created)), `created should be a date string, got ${one.created}`);

    const single = await call('lists.list(*)', () => client.lists.list({ pattern: `${run}.news.*` }));
    assert.deepEqual(single.items.map((l) => l.id), [`${run}.news.eu`, `${run}.news.us`]);
    assert.equal(single.paging.more, false);

    const rest = await call('lists.list(**)', () => client.lists.list({ pattern: `${run}.news.**` }));
    assert.deepEqual(rest.items.map((l) => l.id), [`${run}.news.eu`, `${run}.news.eu.west`, `${run}.news.us`]);
  });

  appTest('subscriptions: add, list, replace, subscribe and unsubscribe one user', async () => {
    const list = `${run}/slashed`; // the SDK sends it as %2F
    await call('subscriptions.add', () => client.lists.subscriptions.add(list, {
      recipients: [{ recipientId: 'ada' }, { recipientId: 'grace', preferences: { notifications: {} } }],
    }));
    const page = await call('subscriptions.list', () => client.lists.subscriptions.list(list));
    assert.deepEqual(page.items.map((i) => i.recipientId), ['ada', 'grace']);
    assert.equal(typeof page.paging.more, 'boolean');

    await call('subscriptions.subscribe', () => client.lists.subscriptions.subscribe(list, { recipients: [{ recipientId: 'linus' }] }));
    await call('subscriptions.subscribeUser', () => client.lists.subscriptions.subscribeUser('margaret', { list_id: list }));
    await call('subscriptions.unsubscribeUser', () => client.lists.subscriptions.unsubscribeUser('linus', { list_id: list }));

    const after = await call('subscriptions.list', () => client.lists.subscriptions.list(list));
    assert.deepEqual(after.items.map((i) => i.recipientId), ['margaret']);
    assert.equal((await call('lists.retrieve', () => client.lists.retrieve(list))).id, list);
  });

  appTest('delete archives a list and restore brings it back', async () => {
    const list = `${run}.archived`;
    await call('lists.update', () => client.lists.update(list, { name: 'Archived' }));
    await call('lists.delete', () => client.lists.delete(list));
    await expectApiError('lists.retrieve after delete', 404, () => client.lists.retrieve(list));
    await call('lists.restore', () => client.lists.restore(list, {}));
    assert.equal((await call('lists.retrieve', () => client.lists.retrieve(list))).name, 'Archived');
  });

  appTest('profiles.lists: subscribe, retrieve (results + paging) and delete all', async () => {
    const user = `sdk-user-${run}`;
    const subscribed = await call('profiles.lists.subscribe', () => client.profiles.lists.subscribe(user, {
      lists: [{ listId: `${run}.p.one` }, { listId: `${run}.p.two` }],
    }));
    assert.equal(subscribed.status, 'SUCCESS');

    const lists = await call('profiles.lists.retrieve', () => client.profiles.lists.retrieve(user));
    assert.deepEqual(lists.results.map((r) => r.id), [`${run}.p.one`, `${run}.p.two`]);
    assert.equal(lists.paging.more, false);

    assert.equal((await call('profiles.lists.delete', () => client.profiles.lists.delete(user))).status, 'SUCCESS');
    assert.equal((await call('profiles.lists.retrieve', () => client.profiles.lists.retrieve(user))).results.length, 0);
  });

  appTest('bad input answers 400 naming the field; unknown list answers 404', async () => {
    const err = await expectApiError('subscriptions.add without recipientId', 400,
      () => client.lists.subscriptions.add(`${run}.bad`, { recipients: [{}] }));
    assert.ok(err instanceof BadRequestError);
    assert.equal(err.error?.field, 'recipients[0].recipientId');
    await expectApiError('lists.retrieve of an id over 255 characters', 400, () => client.lists.retrieve('x'.repeat(256)));
    const missing = await expectApiError('lists.retrieve unknown', 404, () => client.lists.retrieve(`${run}.missing`));
    assert.ok(missing instanceof NotFoundError);
  });
  appTest('preferences: update a topic, retrieve it and the list; REQUIRED cannot be opted out of', async () => {
    const user = `pref-${run}`;
    const topic = `${run}-news`;
    const updated = await call('preferences.updateOrCreateTopic', () => client.users.preferences.updateOrCreateTopic(topic, {
      user_id: user, topic: { status: 'OPTED_OUT' },
    }));
    assert.equal(typeof updated.message, 'string');

    const one = await call('preferences.retrieveTopic', () => client.users.preferences.retrieveTopic(topic, { user_id: user }));
    assert.equal(one.topic.status, 'OPTED_OUT');
    assert.equal(one.topic.default_status, 'OPTED_IN');
    assert.equal(one.topic.topic_id, topic);

    const all = await call('preferences.retrieve', () => client.users.preferences.retrieve(user));
    assert.ok(all.items.some((i) => i.topic_id === topic && i.status === 'OPTED_OUT'), JSON.stringify(all.items));
    assert.equal(all.paging.more, false);

    await call('topic REQUIRED', () => client.put(`/preferences/topics/${run}-security`, { body: { name: 'Security', default_status: 'REQUIRED' } }));
    const refused = await expectApiError('opting out of a REQUIRED topic', 400, () => client.users.preferences.updateOrCreateTopic(`${run}-security`, {
      user_id: user, topic: { status: 'OPTED_OUT' },
    }));
    assert.equal(refused.error?.field, 'topic.status');
  });

  appTest('a user opted out of a topic: the send under it ends UNDELIVERABLE (UNSUBSCRIBED)', async () => {
    const user = `optout-${run}`;
    const topic = `${run}-promo`;
    await call('profiles.create', () => client.profiles.create(user, { profile: { email: `sdk+${run}-optout@example.com` } }));
    await call('preferences.updateOrCreateTopic', () => client.users.preferences.updateOrCreateTopic(topic, { user_id: user, topic: { status: 'OPTED_OUT' } }));

    const { requestId } = await call('send.message', () => client.send.message({
      message: {
        to: { user_id: user },
        content: { title: 'Promo', body: 'Deals' },
        routing: { method: 'single', channels: ['email'] },
        preferences: { subscription_topic_id: topic },
      },
    }));
    const message = await waitForStatus(client, requestId, 'UNDELIVERABLE');
    assert.equal(message.reason, 'UNSUBSCRIBED');
  });
  appTest('send to a list: one message per member, each DELIVERED; the request reports its expansion', async () => {
    const list = `${run}.fanout`;
    const users = ['m1', 'm2', 'm3'].map((u) => `${u}-${run}`);
    for (const user of users) {
      await call('profiles.create', () => client.profiles.create(user, { profile: { email: `sdk+${user}@example.com` } }));
    }
    await call('subscriptions.add', () => client.lists.subscriptions.add(list, { recipients: users.map((recipientId) => ({ recipientId })) }));

    const traceId = `fan-${run}`;
    const { requestId } = await call('send.message to list', () => client.send.message({
      message: { to: { list_id: list }, content: { title: 'Hi {{name}}', body: 'To the list' }, routing: { method: 'single', channels: ['email'] }, metadata: { trace_id: traceId } },
    }));
    const request = await pollUntil({
      label: `request ${requestId} expanded`,
      probe: () => client.get(`/requests/${requestId}`),
      done: (r) => r?.status === 'COMPLETED',
    });
    assert.equal(request.messages, 3);

    const messages = await listAll(client, { trace_id: traceId });
    assert.deepEqual(messages.map((m) => m.recipient).sort(), [...users].sort());
    for (const m of messages) await waitForStatus(client, m.id, 'DELIVERED');
  });

  appTest('send to an unknown list is accepted and completes with no messages and a reason', async () => {
    const { requestId } = await call('send.message to unknown list', () => client.send.message({
      message: { to: { list_id: `${run}.nobody` }, content: { title: 'T', body: 'B' } },
    }));
    const request = await pollUntil({
      label: `request ${requestId} completed`,
      probe: () => client.get(`/requests/${requestId}`),
      done: (r) => r?.status === 'COMPLETED',
    });
    assert.equal(request.messages, 0);
    assert.match(request.reason, /No list/);
  });
  appTest('audiences: update, calculated members, list, send to the audience, delete', async () => {
    const users = ['aud1', 'aud2', 'aud3'].map((u) => `${u}-${run}`);
    for (const [i, user] of users.entries()) {
      await call('profiles.create', () => client.profiles.create(user, { profile: { email: `sdk+${user}@example.com`, plan: i < 2 ? 'pro' : 'free', sdk_run: run } }));
    }
    const id = `${run}-pro`;
    const updated = await call('audiences.update', () => client.audiences.update(id, {
      name: 'Pro', description: 'Paying', operator: 'AND',
      filter: { filters: [{ operator: 'EQ', path: 'plan', value: 'pro' }, { operator: 'EQ', path: 'sdk_run', value: run }] },
    }));
    assert.equal(updated.audience.id, id);

    const members = await pollUntil({
      label: `audience ${id} calculated`,
      probe: () => client.audiences.listMembers(id),
      done: (page) => page?.items?.length === 2,
    });
    assert.deepEqual(members.items.map((m) => m.member_id).sort(), users.slice(0, 2).sort());
    assert.equal(members.items[0].audience_id, id);
    assert.ok((await call('audiences.list', () => client.audiences.list())).items.some((a) => a.id === id));

    const traceId = `aud-${run}`;
    const { requestId } = await call('send.message to audience', () => client.send.message({
      message: { to: { audience_id: id }, content: { title: 'T', body: 'B' }, routing: { method: 'single', channels: ['email'] }, metadata: { trace_id: traceId } },
    }));
    await pollUntil({ label: `request ${requestId}`, probe: () => client.get(`/requests/${requestId}`), done: (r) => r?.status === 'COMPLETED' });
    const messages = await listAll(client, { trace_id: traceId });
    assert.deepEqual(messages.map((m) => m.recipient).sort(), users.slice(0, 2).sort());

    await call('audiences.delete', () => client.audiences.delete(id));
    await expectApiError('audiences.retrieve after delete', 404, () => client.audiences.retrieve(id));
    await expectApiError('audiences.update with an unknown operator', 400, () => client.audiences.update(`${run}-bad`, {
      filter: { filters: [{ operator: 'SOUNDS_LIKE', path: 'plan', value: 'pro' }] },
    }));
  });

  appTest('bulk: create a job, ingest users in two calls, run, poll to COMPLETED, list users with their messages', async () => {
    const { jobId } = await call('bulk.createJob', () => client.bulk.createJob({
      message: { event: `${run}-bulk`, content: { title: 'Hi {{name}}', body: 'Bulk' }, data: { name: 'there' } },
    }));
    assert.ok(jobId);
    const users = ['b1', 'b2', 'b3'].map((u) => `${u}-${run}`);
    await call('bulk.addUsers', () => client.bulk.addUsers(jobId, {
      users: users.slice(0, 2).map((u) => ({ recipient: u, profile: { email: `sdk+${u}@example.com` }, data: { name: u } })),
    }));
    await call('bulk.addUsers', () => client.bulk.addUsers(jobId, { users: [{ to: { user_id: users[2] }, profile: { email: `sdk+${users[2]}@example.com` } }] }));
    const created = await call('bulk.retrieveJob', () => client.bulk.retrieveJob(jobId));
    assert.equal(created.job.status, 'CREATED');
    assert.equal(created.job.received, 3);
    assert.equal(created.job.definition.event, `${run}-bulk`);

    await call('bulk.runJob', () => client.bulk.runJob(jobId));
    const done = await pollUntil({
      label: `bulk job ${jobId} completed`,
      probe: () => client.bulk.retrieveJob(jobId),
      done: (r) => r?.job?.status === 'COMPLETED',
    });
    assert.deepEqual([done.job.received, done.job.enqueued, done.job.failures], [3, 3, 0]);

    const page = await call('bulk.listUsers', () => client.bulk.listUsers(jobId));
    assert.equal(page.paging.more, false);
    assert.deepEqual(page.items.map((u) => u.status), ['ENQUEUED', 'ENQUEUED', 'ENQUEUED']);
    assert.equal(page.items[0].recipient, users[0]);
    for (const item of page.items) await waitForStatus(client, item.messageId, 'DELIVERED');

    await expectApiError('bulk.addUsers with a bad recipient', 400, () => client.bulk.addUsers(jobId, { users: [{ recipient: 'bad\u0001' }] }));
    await expectApiError('bulk.retrieveJob of an unknown job', 404, () => client.bulk.retrieveJob(`${run}-nojob`));
  });
});
