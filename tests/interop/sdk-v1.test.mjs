// The official TypeScript SDK v1 (@modelcontextprotocol/sdk), on which Claude Desktop, Cursor and most agent
// frameworks sit.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { describeSdk } from './lib/sdk-suite.mjs';

describeSdk('TypeScript SDK v1', { Client, StdioClientTransport, StreamableHTTPClientTransport, SSEClientTransport });
