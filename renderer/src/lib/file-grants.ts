import type { FileGrant, Result } from '../../../main/contract/result';

/**
 * Files the person picks or drops become one-time grants before evidence.attach sees them: the
 * renderer never names a path. In Electron the preload's window.jiebangFiles hands the File to main
 * (which finds its path itself); in a browser the bytes go to the bridge's POST /api/files.
 */
export type GrantFile = (file: File) => Promise<Result<FileGrant>>;

const unreachable = (err: unknown): Result<FileGrant> => ({
  ok: false,
  error: { code: 'INTERNAL', message: `无法把文件交给揭榜：${String(err)}`, messageEn: `Cannot hand the file to Jiebang: ${String(err)}` },
});

/** The browser bridge: the File's bytes as the request body, its name in a header. */
export function httpFileGranter(base = ''): GrantFile {
  return async (file) => {
    try {
      const res = await fetch(`${base}/api/files`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
        body: file,
      });
      return (await res.json()) as Result<FileGrant>;
    } catch (err) {
      return unreachable(err);
    }
  };
}

/** Chosen at each use (a test may install window.jiebangFiles): Electron's preload, else the browser bridge. */
export function grantFile(file: File): Promise<Result<FileGrant>> {
  if (window.jiebangFiles) return window.jiebangFiles.grant(file).catch(unreachable);
  if (window.jiebang) {
    // an Electron window whose preload has no file channel: nothing to hand the file to
    return Promise.resolve(unreachable('window.jiebangFiles is missing'));
  }
  return httpFileGranter()(file);
}
