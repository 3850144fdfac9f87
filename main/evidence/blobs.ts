import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { JiebangError } from '../domain/errors';

/**
 * Evidence files outside the database, content-addressed: `<root>/ab/cdef…` named by sha256, so the
 * same file attached twice is stored once. A file is written to `<root>/tmp/` and renamed into place
 * only when complete and flushed: a crash leaves a stray temp file (swept at open), never a half blob.
 */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface StoredBlob {
  sha256: string;
  size: number;
  /** false when the store already held these bytes */
  created: boolean;
}

export interface StagedBlob {
  tmp: string;
  sha256: string;
  size: number;
}

export class TooLargeError extends JiebangError {
  constructor(size: number, maxBytes: number) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    super('VALIDATION', `文件过大（${mb(size)} MB），单个佐证材料不能超过 ${mb(maxBytes)} MB`, `The file is too large (${mb(size)} MB); one piece of evidence may be at most ${mb(maxBytes)} MB`, { reason: 'too_large', size, maxBytes });
  }
}

export class BlobStore {
  readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  /** A fresh temp path inside the store (same file system, so the final rename is atomic). */
  tempPath(): string {
    fs.mkdirSync(this.tmpDir, { recursive: true });
    return path.join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
  }

  /**
   * Copies `source` into a temp file while hashing it (one read), refusing more than `maxBytes` even
   * if the file grows meanwhile. The caller inspects the staged copy — the bytes that will be kept,
   * not the original, which could change — and then commits or abandons it.
   */
  async stage(source: string, maxBytes: number): Promise<StagedBlob> {
    const tmp = this.tempPath();
    const hash = createHash('sha256');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new TooLargeError(size, maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(fs.createReadStream(source), count, fs.createWriteStream(tmp, { flags: 'wx' }));
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    return { tmp, sha256: hash.digest('hex'), size };
  }

  abandon(staged: StagedBlob): void {
    fs.rmSync(staged.tmp, { force: true });
  }

  async putFile(source: string, maxBytes: number): Promise<StoredBlob> {
    const staged = await this.stage(source, maxBytes);
    return this.commit(staged.tmp, staged.sha256, staged.size);
  }

  putBuffer(data: Buffer): StoredBlob {
    const sha256 = createHash('sha256').update(data).digest('hex');
    if (this.has(sha256)) return { sha256, size: data.length, created: false };
    const tmp = this.tempPath();
    try {
      fs.writeFileSync(tmp, data, { flag: 'wx' });
      return this.commit(tmp, sha256, data.length);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  }

  /** Moves a complete temp file into place under its hash (or drops it when the blob exists). */
  commit(tmp: string, sha256: string, size: number): StoredBlob {
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) {
      fs.rmSync(tmp, { force: true });
      return { sha256, size, created: false };
    }
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd); // the bytes are on disk before the name says they are there
    } finally {
      fs.closeSync(fd);
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(tmp, target);
    return { sha256, size, created: true };
  }

  /** Removes a blob this call created when the write that was to reference it failed. */
  discard(sha256: string): void {
    fs.rmSync(this.pathOf(sha256), { force: true });
  }

  /** Hashes a stored blob again (before it is sent, and when a transfer is in doubt). */
  async verify(sha256: string): Promise<boolean> {
    try {
      return (await hashFile(this.pathOf(sha256))) === sha256;
    } catch {
      return false;
    }
  }

  /** Temp files left by a crash: nothing references them. */
  sweepTemp(olderThanMs = 0, now = Date.now()): number {
    if (!fs.existsSync(this.tmpDir)) return 0;
    let removed = 0;
    for (const name of fs.readdirSync(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      if (now - fs.statSync(file).mtimeMs < olderThanMs) continue;
      fs.rmSync(file, { force: true });
      removed++;
    }
    return removed;
  }

  /** Every blob in the store (for sweeps and tests). */
  list(): string[] {
    if (!fs.existsSync(this.root)) return [];
    const out: string[] = [];
    for (const dir of fs.readdirSync(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const rest of fs.readdirSync(path.join(this.root, dir))) if (SHA256_HEX.test(dir + rest)) out.push(dir + rest);
    }
    return out.sort();
  }
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
