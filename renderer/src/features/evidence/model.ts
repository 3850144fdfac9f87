import type { Output } from '../../../../main/contract/index';

/** Evidence as the views see it (evidence.list), and what is derived from it for display. */
export type Attachment = Output<'evidence.list'>[number];
export type QueueView = Output<'evidence.queue'>;
export type QueueRow = QueueView['transfers'][number];
export type OwnerEntity = Attachment['ownerEntity'];

/** What a strip is attached to. */
export interface EvidenceOwner {
  entity: OwnerEntity;
  id: string;
  challengeId: string;
}

export type FileKind = 'image' | 'pdf' | 'document' | 'video' | 'audio' | 'text' | 'other';

export function fileKind(mime: string): FileKind {
  if (mime.startsWith('image/')) return 'image';
  if (mime === 'application/pdf') return 'pdf';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('text/')) return 'text';
  if (mime.startsWith('application/vnd.') || mime === 'application/x-cfb') return 'document';
  return 'other';
}

/** A short label for a file without a thumbnail: its extension, else its kind. */
export function fileBadge(name: string, mime: string): string {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1];
  if (ext) return ext.toUpperCase();
  return fileKind(mime).toUpperCase();
}

/**
 * Where the original stands, for this device:
 * - queued / sending / paused (partly at HQ) / failed / sent: an upload from here
 * - downloadQueued / downloading / downloadFailed: an original asked for from HQ
 * - here: the original is on this device (nothing to move)
 * - remote: only at HQ (or on the device that attached it); it can be fetched
 */
export type TransferPhase = 'queued' | 'sending' | 'paused' | 'failed' | 'sent' | 'downloadQueued' | 'downloading' | 'downloadFailed' | 'here' | 'remote';

export function transferPhase(a: Pick<Attachment, 'transfer' | 'local'>): TransferPhase {
  const t = a.transfer;
  if (t?.direction === 'up') {
    if (t.state === 'done') return 'sent';
    if (t.state === 'active') return 'sending';
    if (t.state === 'failed') return 'failed';
    if (t.state === 'queued') return t.offset > 0 ? 'paused' : 'queued';
  }
  if (t?.direction === 'down' && !a.local.original) {
    if (t.state === 'active') return 'downloading';
    if (t.state === 'failed') return 'downloadFailed';
    if (t.state === 'queued') return 'downloadQueued';
  }
  return a.local.original ? 'here' : 'remote';
}

/** 0…100 of the original moved so far, or null when nothing is moving. */
export function transferPercent(a: Pick<Attachment, 'transfer' | 'size'>): number | null {
  const t = a.transfer;
  if (!t || t.state === 'done' || t.state === 'cancelled') return null;
  const size = t.size || a.size;
  return size > 0 ? Math.min(100, Math.round((t.offset / size) * 100)) : 0;
}

/** Whether something is on the wire right now (the views then refresh more often). */
export function isMoving(a: Pick<Attachment, 'transfer'>): boolean {
  return a.transfer?.state === 'active';
}

/**
 * Whether something about this file may change without any data event: a transfer waiting to start
 * (the runner may pick it up at any moment), or a thumbnail still to come down from HQ.
 */
export function isWaiting(a: Pick<Attachment, 'transfer' | 'thumbSha256' | 'local'>): boolean {
  return a.transfer?.state === 'queued' || (a.thumbSha256 !== null && !a.local.thumb);
}

/** Seconds as "1 小时 12 分" / "1 h 12 min" parts: [hours, minutes, seconds] trimmed to the two largest. */
export function durationParts(seconds: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? { h, m, s: 0 } : { h: 0, m, s: m >= 10 ? 0 : s };
}

/** The base64 answer of evidence.thumbnail / evidence.preview as a Blob. */
export function base64Blob(base64: string, mime: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}
