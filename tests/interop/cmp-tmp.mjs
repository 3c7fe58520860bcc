import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
const c = new Client({ name: 's', version: '1' });
await c.connect(new StdioClientTransport({ command: 'dotnet', args: ['/work/main/src/SessionMcp.Server/bin/Release/net10.0/SessionMcp.Server.dll'], env: { ...process.env, SessionMcp__DataPath: '/tmp/dump-data' } }));
const r = await c.callTool({ name: 'run_task', arguments: { url: 'http://127.0.0.1:8765/' + process.argv[2], commands: [{ command: 'snapshot', data: { mode: 'full' } }] } });
console.log(JSON.parse(r.content[0].text).output);
await c.close();
