// One suite for both official TypeScript SDK clients: the full flow over stdio, Streamable HTTP and legacy SSE,
// each against a server of its own (stdio) or one HTTP server for the suite.
import { after, before, describe, test } from 'node:test';
import { rmSync } from 'node:fs';
import { runFullFlow } from './flow.mjs';
import { dataFolder, startHttpServer, stdioCommand } from './server.mjs';
import { startSite } from './site.mjs';

/** @param sdk {Client, StdioClientTransport, StreamableHTTPClientTransport, SSEClientTransport} from one SDK. */
export function describeSdk(name, sdk) {
  describe(name, () => {
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
      const client = new sdk.Client({ name: `interop ${name}`, version: '1.0.0' });
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
        await withClient(new sdk.StdioClientTransport({ ...stdioCommand(dataPath), stderr: 'ignore' }), (c) => runFullFlow(c, site));
      } finally {
        rmSync(dataPath, { recursive: true, force: true });
      }
    });

    test('Streamable HTTP: full flow', async () => {
      await withClient(new sdk.StreamableHTTPClientTransport(new URL(`${http.baseUrl}/mcp`)), (c) => runFullFlow(c, site));
    });

    test('legacy SSE: full flow', async () => {
      await withClient(new sdk.SSEClientTransport(new URL(`${http.baseUrl}/sse`)), (c) => runFullFlow(c, site));
    });
  });
}
