import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

/** A free loopback port, found by letting the system pick one and releasing it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface StartedServer {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/** Starts `dotnet <dll> serve` and waits until /readyz says the database answers and is migrated. */
export async function startServer(options: {
  dll: string;
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  readyTimeoutMs?: number;
}): Promise<StartedServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = createWriteStream(options.logFile);
  const child = spawn('dotnet', [options.dll, 'serve', '--urls', url], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));

  const stop = async () => {
    if (exited !== undefined) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (exited !== undefined) throw new Error(`the server exited with code ${exited} before it was ready; see ${options.logFile}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return { url, process: child, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready within the time limit; see ${options.logFile}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
