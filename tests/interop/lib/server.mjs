// Starts the built SessionMcp server the way a client does: over stdio (the client spawns it), or over HTTP
// (a process on an ephemeral 127.0.0.1 port, found from ASP.NET's "Now listening on" line).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(import.meta.url), '../../../..');

/**
 * The server's dll: SESSIONMCP_SERVER_DLL (scripts/test.sh sets it to out/server, the ReadyToRun build that
 * scripts/start-server.sh starts), else a plain Release or Debug build.
 */
export const serverDll = [process.env.SESSIONMCP_SERVER_DLL, ...['Release', 'Debug']
  .map((c) => join(repo, 'src/SessionMcp.Server/bin', c, 'net10.0/SessionMcp.Server.dll'))]
  .find((p) => p && existsSync(p));

if (!serverDll) {
  throw new Error('SessionMcp.Server is not built: run `dotnet build SessionMcp.sln -c Release` first');
}

/** A data folder of its own for each server, removed with it. */
export function dataFolder() {
  return mkdtempSync(join(tmpdir(), 'sessionmcp-interop-'));
}

/** What a stdio client needs to spawn the server: command, args, env. */
export function stdioCommand(dataPath) {
  return {
    command: 'dotnet',
    args: [serverDll],
    env: { ...process.env, SessionMcp__DataPath: dataPath, Logging__LogLevel__Default: 'Warning' },
  };
}

/** Starts the server over HTTP; resolves to { baseUrl, stop() }. */
export async function startHttpServer() {
  const dataPath = dataFolder();
  const child = spawn('dotnet', [
    serverDll, '--http',
    '--SessionMcp:Http:Urls=http://127.0.0.1:0',
    `--SessionMcp:DataPath=${dataPath}`,
    '--Logging:LogLevel:Default=Warning',
    '--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });

  let log = '';
  const baseUrl = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the HTTP server did not start in 60 s:\n${log}`)), 60_000);
    const onData = (chunk) => {
      log += chunk;
      const match = /Now listening on: (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the HTTP server exited (${code}):\n${log}`)); });
  });

  return {
    baseUrl,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataPath, { recursive: true, force: true });
    },
  };
}
