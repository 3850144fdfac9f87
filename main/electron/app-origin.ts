/** The app's own origin: the renderer is served from app://jiebang/, never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'jiebang';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for URLs on the app's own origin. Compared field by field because WHATWG gives
 * non-special schemes such as app: an opaque ("null") origin.
 */
export function isAppOriginUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && !url.port && !url.username && !url.password
  );
}

/**
 * True for URLs on the dev server's origin (http://localhost:5173 while `electron-vite dev` runs).
 * `devServerUrl` is undefined in a packaged app, so this is then always false.
 */
export function isDevServerUrl(value: string, devServerUrl: string | undefined): boolean {
  if (!devServerUrl) return false;
  try {
    const url = new URL(value);
    const dev = new URL(devServerUrl);
    return url.origin === dev.origin && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The renderer's own pages: app:// always, the dev server only in development. */
export function isOwnRendererUrl(value: string, devServerUrl: string | undefined): boolean {
  return isAppOriginUrl(value) || isDevServerUrl(value, devServerUrl);
}
