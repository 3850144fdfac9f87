import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** The real `jiebang hub` as a child process, for tests and benchmarks that must kill or restart it. */
export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const jiebangBin = path.join(repoRoot, 'bin/jiebang.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the hub on `dbFile` and resolves once it listens on `port`. */
export async function startHubProcess(dbFile: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [jiebangBin, 'hub', '--db', dbFile, '--port', String(port)], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`hub exited ${code}: ${log}`)));
  });
  return child;
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}
