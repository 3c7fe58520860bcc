// The official TypeScript SDK v2 (@modelcontextprotocol/client), the split client package of the SDK's second
// major version.
import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describeSdk } from './lib/sdk-suite.mjs';

describeSdk('TypeScript SDK v2', { Client, StdioClientTransport, StreamableHTTPClientTransport, SSEClientTransport });
