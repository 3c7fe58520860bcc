// The official TypeScript SDK v2 (@modelcontextprotocol/client), the split client package of the SDK's
// second major version, over stdio, Streamable HTTP and legacy SSE.
import { after, before, describe, test } from 'node:test';
import { rmSync } from 'node:fs';
import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { runFullFlow } from './lib/flow.mjs';
import { dataFolder, startHttpServer, stdioCommand } from './lib/server.mjs';
import { startSite } from './lib/site.mjs';

describe('TypeScript SDK v2', () => {
  let site;
  let http;
  before(async () => {
    site = await startSite();
    http = await startHttpServer();
  });
  after(async () => {
    await http?.stop();
    await site?.stop();
  });

  async function withClient(transport, body) {
    const client = new Client({ name: 'interop-sdk-v2', version: '1.0.0' });
    await client.connect(transport);
    try {
      await body(client);
    } finally {
      await client.close();
    }
  }

  test('stdio: full flow', async () => {
    const dataPath = dataFolder();
    try {
      await withClient(new StdioClientTransport({ ...stdioCommand(dataPath), stderr: 'ignore' }), (c) => runFullFlow(c, site));
    } finally {
      rmSync(dataPath, { recursive: true, force: true });
    }
  });

  test('Streamable HTTP: full flow', async () => {
    await withClient(new StreamableHTTPClientTransport(new URL(`${http.baseUrl}/mcp`)), (c) => runFullFlow(c, site));
  });

  test('legacy SSE: full flow', async () => {
    await withClient(new SSEClientTransport(new URL(`${http.baseUrl}/sse`)), (c) => runFullFlow(c, site));
  });
});
