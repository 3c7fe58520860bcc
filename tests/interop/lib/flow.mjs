// The full flow a new user runs, through any MCP client with listTools() and callTool({name, arguments}):
// list, create, run_task (commands), stream_frame, a failing run seen as isError, get_run, list sessions,
// profiles, close. The client itself validates every structuredContent against the tool's outputSchema
// (both TypeScript SDKs do); on top of that, each result's text must be exactly its structuredContent.
import assert from 'node:assert/strict';

export const contractTools = [
  'close_browser_session', 'create_browser_profile', 'create_browser_session', 'delete_browser_profile',
  'get_browser_profiles', 'get_browser_session', 'get_browser_sessions', 'get_run', 'run_task', 'stream_frame',
];

/** The JSON of a result: its one text block, which must equal its structuredContent. */
export function json(result) {
  const texts = result.content.filter((c) => c.type === 'text');
  assert.equal(texts.length, 1, `one text block expected: ${JSON.stringify(result.content)}`);
  const value = JSON.parse(texts[0].text);
  if (result.structuredContent !== undefined) {
    assert.deepEqual(result.structuredContent, value, 'the text is not the structuredContent');
  }
  return value;
}

/** A list tool's items: natural ([...]) on protocol 2026-07-28, {"result": [...]} before it. */
export function items(value) {
  return Array.isArray(value) ? value : value.result;
}

async function ok(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  assert.notEqual(result.isError, true, `${name} failed: ${JSON.stringify(result.content)}`);
  return result;
}

export async function runFullFlow(client, site) {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), contractTools);

  const session = json(await ok(client, 'create_browser_session', { name: 'interop', timeout: null }));
  assert.match(session.browser_session_id, /^pbs_/);
  assert.equal(session.status, 'running');
  const id = session.browser_session_id;

  const run = json(await ok(client, 'run_task', {
    browser_session_id: id,
    url: site.url('/login'),
    commands: [
      { command: 'type_text', data: { selector: '#email', text: 'ada@example.com' } },
      { command: 'type_text', data: { selector: '#password', text: 'secret' } },
      { command: 'click', data: { selector: 'button' } },
      { command: 'extract_text', data: { selector: '.invoice', all: true } },
      { command: 'list_tabs' },
    ],
  }));
  assert.equal(run.status, 'completed');
  assert.equal(run.steps.length, 6);
  assert.deepEqual(run.output[0], ['INV-1 €12', 'INV-2 €30']);
  assert.equal(run.output[1][0].title, 'Dashboard');
  assert.equal(run.title, 'Dashboard');

  const frame = await ok(client, 'stream_frame', { browser_session_id: id, max_width: 640 });
  const image = frame.content.find((c) => c.type === 'image');
  assert.equal(image.mimeType, 'image/jpeg');
  assert.ok(Buffer.from(image.data, 'base64').length > 1000, 'the frame is an image');
  const info = json({ ...frame, content: frame.content.filter((c) => c.type === 'text') });
  assert.equal(info.width, 640);
  assert.equal(info.title, 'Dashboard');

  const failing = await client.callTool({
    name: 'run_task',
    arguments: { browser_session_id: id, commands: [{ command: 'wait_for_selector', data: { selector: '#missing', timeout_ms: 500 } }], timeout_seconds: 30 },
  });
  assert.equal(failing.isError, true, 'a failed run is a tool error');
  const failed = json(failing);
  assert.equal(failed.status, 'failed');
  assert.match(failed.failure_reason, /#missing/);

  const again = json(await ok(client, 'get_run', { run_id: failed.run_id }));
  assert.equal(again.status, 'failed');

  const listed = items(json(await ok(client, 'get_browser_sessions', { status: 'running' })));
  assert.ok(listed.some((s) => s.browser_session_id === id));

  const profile = json(await ok(client, 'create_browser_profile', { browser_session_id: id, name: 'interop login' }));
  assert.match(profile.browser_profile_id, /^bp_/);
  const profiles = items(json(await ok(client, 'get_browser_profiles', {})));
  assert.ok(profiles.some((p) => p.browser_profile_id === profile.browser_profile_id));
  json(await ok(client, 'delete_browser_profile', { browser_profile_id: profile.browser_profile_id }));

  const missing = await client.callTool({ name: 'get_run', arguments: {} });
  assert.equal(missing.isError, true);
  assert.match(missing.content[0].text, /argument 'run_id' is required/);

  const closed = json(await ok(client, 'close_browser_session', { browser_session_id: id }));
  assert.equal(closed.status, 'closed');
  assert.equal(closed.close_reason, 'closed');
}
