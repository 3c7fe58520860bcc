// Agent-framework adapters that load MCP tools for a model: LangChain JS, the Vercel AI SDK, OpenAI Agents JS
// (with its strict-schema conversion) and Google's @google/genai mcpToTool. Each loads the tools, acts in one session across calls, and sees a failed
// run as a failure (the only signal some of them pass to the model).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { MultiServerMCPClient } from '@langchain/mcp-adapters';
import { createMCPClient } from '@ai-sdk/mcp';
import { Experimental_StdioMCPTransport } from '@ai-sdk/mcp/mcp-stdio';
import { MCPServerStdio, RunContext, getAllMcpTools } from '@openai/agents';
import { mcpToTool } from '@google/genai';
import { Client as SdkClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as SdkStdio } from '@modelcontextprotocol/sdk/client/stdio.js';
import { contractTools } from './lib/flow.mjs';
import { dataFolder, startHttpServer, stdioCommand } from './lib/server.mjs';
import { startSite } from './lib/site.mjs';

const loginCommands = [
  { command: 'type_text', data: { selector: '#email', text: 'ada@example.com' } },
  { command: 'click', data: { selector: 'button' } },
  { command: 'extract_text', data: { selector: '.invoice', all: true } },
];
const failingCommands = [{ command: 'wait_for_selector', data: { selector: '#missing', timeout_ms: 300 } }];

function textOf(content) {
  const blocks = Array.isArray(content) ? content : [content];
  return blocks.filter((b) => b.type === 'text').map((b) => b.text).join('');
}

describe('agent-framework adapters', () => {
  let site;
  let http;
  const folders = [];
  before(async () => {
    site = await startSite();
    http = await startHttpServer();
  });
  after(async () => {
    await http?.stop();
    await site?.stop();
    folders.forEach((f) => rmSync(f, { recursive: true, force: true }));
  });

  function stdio() {
    const folder = dataFolder();
    folders.push(folder);
    return stdioCommand(folder);
  }

  for (const transport of ['stdio', 'http']) {
    test(`LangChain JS over ${transport}: tools load, a session lives across calls, a failed run throws`, async () => {
      const server = transport === 'stdio'
        ? { transport: 'stdio', ...stdio() }
        : { transport: 'http', url: `${http.baseUrl}/mcp` };
      const client = new MultiServerMCPClient({ mcpServers: { sessionmcp: server }, throwOnLoadError: true });
      try {
        const tools = Object.fromEntries((await client.getTools()).map((t) => [t.name, t]));
        assert.deepEqual(Object.keys(tools).sort(), contractTools);

        const session = JSON.parse(textOf(await tools.create_browser_session.invoke({ name: 'langchain' })));
        const run = JSON.parse(textOf(await tools.run_task.invoke({ browser_session_id: session.browser_session_id, url: site.url('/login'), commands: loginCommands })));
        assert.equal(run.status, 'completed');
        assert.deepEqual(run.output, ['INV-1 €12', 'INV-2 €30']);

        await assert.rejects(
          tools.run_task.invoke({ browser_session_id: session.browser_session_id, commands: failingCommands }),
          (error) => error.name === 'ToolException' && /"status":"failed"/.test(error.message));

        const closed = JSON.parse(textOf(await tools.close_browser_session.invoke({ browser_session_id: session.browser_session_id })));
        assert.equal(closed.status, 'closed');
      } finally {
        await client.close();
      }
    });

    test(`Vercel AI SDK over ${transport}: tools load, run, and a failed run is flagged isError`, async () => {
      const spec = transport === 'stdio'
        ? new Experimental_StdioMCPTransport(stdio())
        : { type: 'http', url: `${http.baseUrl}/mcp` };
      const client = await createMCPClient({ transport: spec });
      try {
        const tools = await client.tools();
        assert.deepEqual(Object.keys(tools).sort(), contractTools);
        const options = { toolCallId: 'call', messages: [] };

        const session = JSON.parse(textOf((await tools.create_browser_session.execute({ name: 'vercel' }, options)).content));
        const run = await tools.run_task.execute({ browser_session_id: session.browser_session_id, url: site.url('/login'), commands: loginCommands }, options);
        assert.notEqual(run.isError, true, textOf(run.content));
        assert.deepEqual(JSON.parse(textOf(run.content)).output, ['INV-1 €12', 'INV-2 €30']);

        const failed = await tools.run_task.execute({ browser_session_id: session.browser_session_id, commands: failingCommands }, options);
        assert.equal(failed.isError, true);
        assert.equal(JSON.parse(textOf(failed.content)).status, 'failed');

        await tools.close_browser_session.execute({ browser_session_id: session.browser_session_id }, options);
      } finally {
        await client.close();
      }
    });
  }

  test('Google @google/genai mcpToTool: declarations for every tool, a call answered, a failed run an error', async () => {
    const client = new SdkClient({ name: 'interop-genai', version: '1.0.0' });
    await client.connect(new SdkStdio({ ...stdio(), stderr: 'ignore' }));
    try {
      const tool = mcpToTool(client);
      const { functionDeclarations } = await tool.tool();
      assert.deepEqual(functionDeclarations.map((f) => f.name).sort(), contractTools);
      assert.ok(functionDeclarations.every((f) => f.parametersJsonSchema?.type === 'object' && f.responseJsonSchema?.type === 'object'));

      const [created] = await tool.callTool([{ name: 'create_browser_session', args: { name: 'genai' } }]);
      const session = JSON.parse(textOf(created.functionResponse.response.content));
      const [failed] = await tool.callTool([{ name: 'run_task', args: { browser_session_id: session.browser_session_id, url: site.url('/login'), commands: failingCommands } }]);
      assert.equal(JSON.parse(textOf(failed.functionResponse.response.error.content)).status, 'failed');
      await tool.callTool([{ name: 'close_browser_session', args: { browser_session_id: session.browser_session_id } }]);
    } finally {
      await client.close();
    }
  });

  test('OpenAI Agents JS: strict tools where the schema allows, null arguments accepted, run_task usable', async () => {
    const server = new MCPServerStdio({ ...stdio(), name: 'sessionmcp' });
    await server.connect();
    try {
      const tools = Object.fromEntries((await getAllMcpTools({ mcpServers: [server], convertSchemasToStrict: true })).map((t) => [t.name, t]));
      assert.deepEqual(Object.keys(tools).sort(), contractTools);
      // run_task's command data and data_extraction_schema are open objects, which strict mode cannot express:
      // the SDK keeps it as an ordinary (non-strict) tool. Every other tool converts.
      assert.deepEqual(Object.values(tools).filter((t) => !t.strict).map((t) => t.name), ['run_task']);

      const context = new RunContext();
      // A strict model sends every argument, null for the ones it leaves out.
      const createArguments = Object.fromEntries(Object.keys(tools.create_browser_session.parameters.properties).map((k) => [k, null]));
      const session = JSON.parse(textOf(await tools.create_browser_session.invoke(context, JSON.stringify({ ...createArguments, name: 'openai' }))));
      assert.equal(session.timeout, 60);

      const run = JSON.parse(textOf(await tools.run_task.invoke(context, JSON.stringify({ browser_session_id: session.browser_session_id, url: site.url('/login'), commands: loginCommands }))));
      assert.deepEqual(run.output, ['INV-1 €12', 'INV-2 €30']);

      const closed = JSON.parse(textOf(await tools.close_browser_session.invoke(context, JSON.stringify({ browser_session_id: session.browser_session_id }))));
      assert.equal(closed.status, 'closed');
    } finally {
      await server.close();
    }
  });
});
