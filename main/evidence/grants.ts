import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FileGrant } from '../contract/result';
import { JiebangError } from '../domain/errors';
import { TooLargeError } from './blobs';

/**
 * One-time permissions to attach a file. The renderer never names a file on disk: the user picks or
 * drops one, and main (which sees the real path through Electron's webUtils, or receives the bytes
 * through the browser bridge) answers with a token. evidence.attach takes that token, once, before it
 * expires. A compromised renderer can therefore only attach files a person handed to the app — never
 * ~/.ssh/id_rsa by name.
 */
export const GRANT_TOKEN = /^[A-Za-z0-9_-]{32}$/;
export const GRANT_TTL_MS = 15 * 60_000;
const MAX_HELD = 500;

/** What the renderer learns about a granted file: enough to show it, nothing about where it is. */
export type { FileGrant };

/** What the service gets back for a token. */
export interface GrantedFile {
  path: string;
  name: string;
  size: number;
  /** a copy made for this grant (a browser upload): deleted once used or expired */
  temp: boolean;
}

interface Held extends GrantedFile {
  expiresAt: number;
}

export interface GrantOptions {
  /** the name to show (default: the file's own name) */
  name?: string;
  maxBytes: number;
  temp?: boolean;
}

const noGrant = () =>
  new JiebangError(
    'VALIDATION',
    '文件授权无效或已过期，请重新选择文件',
    'The file permission is unknown, used or expired: choose the file again',
    { reason: 'grant' },
  );

/** A readable display name: no folders, no control characters, at most 200 characters. */
export function cleanName(raw: string): string {
  const name = [...raw].filter((c) => c >= ' ' && c !== '\u007f' && c !== '/' && c !== '\\').join('').trim();
  return (name || 'evidence').slice(0, 200);
}

export class FileGrants {
  private readonly held = new Map<string, Held>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? GRANT_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * Grants the file at `file` (an absolute path main obtained itself): it must be a regular file after
   * links are followed, not empty, and within the size limit. The real path is kept, so a link swapped
   * afterwards changes nothing.
   */
  grantPath(file: string, options: GrantOptions): FileGrant {
    this.sweep();
    if (typeof file !== 'string' || !path.isAbsolute(file)) {
      throw new JiebangError('VALIDATION', '只能附加从本机选择或拖入的文件', 'Only files picked or dropped on this computer can be attached', { reason: 'not_a_file' });
    }
    let real: string;
    let stat: fs.Stats;
    try {
      real = fs.realpathSync(file);
      stat = fs.statSync(real);
    } catch {
      throw new JiebangError('NOT_FOUND', `找不到文件：${cleanName(path.basename(file))}`, `File not found: ${cleanName(path.basename(file))}`, { reason: 'missing' });
    }
    if (!stat.isFile()) {
      throw new JiebangError('VALIDATION', '只能附加普通文件（不能是文件夹或设备）', 'Only regular files can be attached (not folders or devices)', { reason: 'not_a_file' });
    }
    if (stat.size === 0) throw new JiebangError('VALIDATION', '文件是空的', 'The file is empty', { reason: 'empty' });
    if (stat.size > options.maxBytes) throw new TooLargeError(stat.size, options.maxBytes);
    while (this.held.size >= MAX_HELD) this.drop(this.held.keys().next().value as string);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = this.now() + this.ttlMs;
    const name = cleanName(options.name ?? path.basename(file));
    this.held.set(token, { path: real, name, size: stat.size, temp: options.temp ?? false, expiresAt });
    return { token, name, size: stat.size, expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * Streams a file's bytes (the browser bridge's request body) into `dir`, refusing more than
   * `maxBytes` as they arrive, and grants the copy. A failed or refused upload leaves nothing behind.
   */
  async receive(body: Readable, dir: string, options: GrantOptions): Promise<FileGrant> {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `upload-${Date.now()}-${randomBytes(8).toString('hex')}`);
    try {
      await new Promise<void>((resolve, reject) => {
        const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
        let size = 0;
        let ended = false;
        let failed = false;
        // on a refusal the rest of the body is read and dropped, so the sender still gets the answer
        const fail = (err: Error) => {
          if (failed) return;
          failed = true;
          body.unpipe(out);
          body.resume();
          // the temp file is opened asynchronously: wait until it is closed before it is removed
          if (out.closed) reject(err);
          else {
            out.once('close', () => reject(err));
            out.destroy();
          }
        };
        body.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) fail(new TooLargeError(size, options.maxBytes));
        });
        body.on('end', () => (ended = true));
        body.on('close', () => {
          if (!ended) fail(new JiebangError('VALIDATION', '上传中断，文件不完整', 'The upload was cut off; the file is incomplete', { reason: 'incomplete' }));
        });
        body.on('error', fail);
        out.on('error', fail);
        out.on('finish', () => {
          if (!failed) resolve();
        });
        body.pipe(out);
      });
      return this.grantPath(file, { ...options, temp: true });
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw err;
    }
  }

  /** Takes the grant out (it can be used once): the file to read, or a refusal. */
  redeem(token: string): GrantedFile {
    this.sweep();
    const held = typeof token === 'string' ? this.held.get(token) : undefined;
    if (!held) throw noGrant();
    this.held.delete(token);
    return { path: held.path, name: held.name, size: held.size, temp: held.temp };
  }

  /** Done with a redeemed file: a temporary copy goes. */
  release(file: GrantedFile): void {
    if (file.temp) fs.rmSync(file.path, { force: true });
  }

  /** Forgets expired grants (and deletes their temporary copies). */
  sweep(): number {
    const now = this.now();
    let dropped = 0;
    for (const [token, held] of this.held) {
      if (held.expiresAt > now) continue;
      this.drop(token);
      dropped++;
    }
    return dropped;
  }

  /** How many grants are waiting (for tests). */
  get size(): number {
    return this.held.size;
  }

  private drop(token: string): void {
    const held = this.held.get(token);
    this.held.delete(token);
    if (held) this.release(held);
  }
}

/** The process's grants: the app has one store, and every bridge grants into it. */
export const fileGrants = new FileGrants();
