import type { App, Event, HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import { isOwnRendererUrl } from './app-origin';
import { checkExternalUrl, openExternalSafely } from './external-links';

export interface NavigationPolicy {
  /** the dev server URL while `electron-vite dev` runs; undefined in a packaged app */
  devServerUrl: string | undefined;
}

/**
 * In-app navigation is allowed only within the app's own origin (the SPA changes routes with the
 * History API, which does not even raise will-navigate). A safe external link goes to the
 * system browser instead; everything else is dropped.
 */
export function handleWillNavigate(event: Pick<Event, 'preventDefault'>, url: string, policy: NavigationPolicy): void {
  if (isOwnRendererUrl(url, policy.devServerUrl)) return;
  event.preventDefault();
  if (checkExternalUrl(url).ok) void openExternalSafely(url);
}

/** Redirects are never followed out of the app's origin, and never opened externally. */
export function handleWillRedirect(event: Pick<Event, 'preventDefault'>, url: string, policy: NavigationPolicy): void {
  if (!isOwnRendererUrl(url, policy.devServerUrl)) event.preventDefault();
}

/** No new windows, ever; a target=_blank https/mailto link opens in the system browser. */
export function handleWindowOpen(details: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse {
  if (checkExternalUrl(details.url).ok) void openExternalSafely(details.url);
  return { action: 'deny' };
}

/** Installs the guards on one WebContents (every one the app creates, including devtools). */
export function guardWebContents(contents: WebContents, policy: NavigationPolicy): void {
  contents.on('will-navigate', (event) => handleWillNavigate(event, event.url, policy));
  contents.on('will-frame-navigate', (event) => {
    // Sub-frames have no business in this app: refuse any navigation that is not the main frame's.
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => handleWillRedirect(event, event.url, policy));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(handleWindowOpen);
}

/** Every WebContents created from now on gets the guards. */
export function guardAllWebContents(app: Pick<App, 'on'>, policy: NavigationPolicy): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, policy));
}

/**
 * Deny-by-default for every permission (camera, microphone, geolocation, notifications, USB,
 * HID, serial, clipboard reads, …). The app needs none; a feature that does must add an
 * explicit, tested exception here.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
