// MCP Inspector's CLI in --strict mode: every tool schema portable (exit 6 on any error-severity finding), and
// no warnings either, over stdio and Streamable HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { contractTools } from './lib/flow.mjs';
import { dataFolder, serverDll, startHttpServer } from './lib/server.mjs';

const require = createRequire(import.meta.url);
const inspector = join(dirname(require.resolve('@modelcontextprotocol/inspector/package.json')), 'clients/launcher/build/index.js');

function runInspector(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [inspector, '--cli', ...args], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function findings(stderr) {
  return {
    errors: stderr.split('\n').filter((l) => l.startsWith('Error:')),
    warnings: stderr.split('\n').filter((l) => l.startsWith('Warning:')),
  };
}

describe('Inspector CLI --strict', () => {
  let http;
  before(async () => { http = await startHttpServer(); });
  after(async () => { await http?.stop(); });

  test('stdio: tools/list passes with no errors and no warnings', async () => {
    const dataPath = dataFolder();
    try {
      const { code, stdout, stderr } = await runInspector(['-e', `SessionMcp__DataPath=${dataPath}`, '--method', 'tools/list', '--strict', 'dotnet', serverDll]);
      const { errors, warnings } = findings(stderr);
      assert.deepEqual(errors, [], stderr);
      assert.deepEqual(warnings, [], stderr);
      assert.equal(code, 0, stderr);
      assert.deepEqual(JSON.parse(stdout).tools.map((t) => t.name).sort(), contractTools);
    } finally {
      rmSync(dataPath, { recursive: true, force: true });
    }
  });

  test('Streamable HTTP: tools/list passes, and a tool call answers', async () => {
    const listed = await runInspector(['--method', 'tools/list', '--strict', '--transport', 'http', '--server-url', `${http.baseUrl}/mcp`]);
    assert.deepEqual(findings(listed.stderr), { errors: [], warnings: [] }, listed.stderr);
    assert.equal(listed.code, 0, listed.stderr);

    const called = await runInspector(['--method', 'tools/call', '--tool-name', 'get_browser_sessions', '--tool-arg', 'status=all', '--transport', 'http', '--server-url', `${http.baseUrl}/mcp`]);
    assert.equal(called.code, 0, called.stderr);
    const result = JSON.parse(called.stdout);
    assert.notEqual(result.isError, true, called.stdout);
    assert.ok(Array.isArray(result.structuredContent?.result ?? result.structuredContent), called.stdout);
  });
});
