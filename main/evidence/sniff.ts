import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromFile } from 'file-type';
import { JiebangError } from '../domain/errors';

/**
 * What a file is, by its bytes — never by its name, which anyone can change. Evidence is a closed
 * list (photos, documents, video, audio, plain text); executables are refused by their signatures
 * even when renamed .jpg, and script-like names are refused as well, whatever they contain.
 */
export type EvidenceKind = 'image' | 'document' | 'video' | 'audio' | 'text';

export interface Sniffed {
  mime: string;
  ext: string;
  kind: EvidenceKind;
}

const ALLOWED: Record<string, EvidenceKind> = {
  'image/jpeg': 'image', 'image/png': 'image', 'image/webp': 'image', 'image/gif': 'image', 'image/tiff': 'image',
  'image/heic': 'image', 'image/heif': 'image', 'image/avif': 'image', 'image/bmp': 'image',
  'application/pdf': 'document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'document',
  'application/vnd.oasis.opendocument.text': 'document',
  'application/vnd.oasis.opendocument.spreadsheet': 'document',
  'application/vnd.oasis.opendocument.presentation': 'document',
  // old Word/Excel files (checked below not to be an installer, which shares the container)
  'application/x-cfb': 'document',
  'video/mp4': 'video', 'video/quicktime': 'video',
  'audio/mpeg': 'audio', 'audio/mp4': 'audio', 'audio/x-m4a': 'audio', 'audio/wav': 'audio', 'audio/vnd.wave': 'audio', 'audio/aac': 'audio',
};

/** Signatures of programs, checked on the first bytes before anything else. */
const EXECUTABLE_SIGNATURES: [string, number[]][] = [
  ['ELF', [0x7f, 0x45, 0x4c, 0x46]],
  ['PE/MZ', [0x4d, 0x5a]],
  ['Mach-O', [0xfe, 0xed, 0xfa, 0xce]],
  ['Mach-O', [0xfe, 0xed, 0xfa, 0xcf]],
  ['Mach-O', [0xce, 0xfa, 0xed, 0xfe]],
  ['Mach-O', [0xcf, 0xfa, 0xed, 0xfe]],
  // Mach-O universal binaries and Java classes share this one
  ['Mach-O/Java', [0xca, 0xfe, 0xba, 0xbe]],
  ['WebAssembly', [0x00, 0x61, 0x73, 0x6d]],
  ['Dalvik', [0x64, 0x65, 0x78, 0x0a]],
  ['Windows shortcut', [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00]],
];

/** file-type names for programs and installers (it knows more containers than the signatures above). */
const EXECUTABLE_TYPES = new Set(['exe', 'elf', 'macho', 'class', 'wasm', 'swf', 'apk', 'jar', 'deb', 'rpm', 'dmg', 'lnk', 'msi', 'dex', 'crx', 'xpi', 'cab']);

/** Names that run when opened: refused even when the bytes look like text. */
const SCRIPT_EXTENSIONS = new Set([
  'exe', 'com', 'scr', 'msi', 'msp', 'dll', 'sys', 'so', 'dylib', 'app', 'command', 'bat', 'cmd', 'ps1', 'psm1', 'vbs', 'vbe',
  'js', 'jse', 'mjs', 'wsf', 'wsh', 'hta', 'sh', 'bash', 'zsh', 'csh', 'py', 'pyw', 'pl', 'rb', 'php', 'jar', 'apk', 'lnk',
  'desktop', 'reg', 'cpl', 'inf', 'pif', 'appimage',
]);

// MSI, MSP and MST installers are compound files with these root storage class ids (little-endian bytes)
const INSTALLER_CLSIDS = ['84100c0000000000c000000000000046', '86100c0000000000c000000000000046', '82100c0000000000c000000000000046'];

const refuseExecutable = (what: string) =>
  new JiebangError('VALIDATION', `不能附加可执行文件（${what}），无论它叫什么名字`, `Executable files (${what}) cannot be attached, whatever their name`, { reason: 'executable', what });

const refuseType = (what: string) =>
  new JiebangError(
    'VALIDATION',
    `不支持的文件类型（${what}）：佐证材料可以是照片、PDF、Office 文档、视频、音频或纯文本`,
    `Unsupported file type (${what}): evidence may be photos, PDF, Office documents, video, audio or plain text`,
    { reason: 'type', what },
  );

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = fs.readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

const startsWith = (head: Buffer, bytes: readonly number[]) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

/** A compound file whose root storage is an installer (an .msi renamed .doc). */
function isInstaller(fd: number): boolean {
  const header = readAt(fd, 0, 512);
  if (header.length < 512) return false;
  const sectorSize = 1 << header.readUInt16LE(0x1e);
  const firstDirSector = header.readUInt32LE(0x30);
  if (sectorSize < 128 || sectorSize > 65536 || firstDirSector >= 0xfffffffa) return false;
  const root = readAt(fd, (firstDirSector + 1) * sectorSize, 128);
  return root.length === 128 && INSTALLER_CLSIDS.includes(root.subarray(0x50, 0x60).toString('hex'));
}

/** Text with no magic: UTF-8 or GB18030 (what Chinese Windows writes), no NUL bytes. */
function isPlainText(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  // the head may end inside a multi-byte character: leave the last 3 bytes out of the check
  const sample = head.length >= 4096 ? head.subarray(0, head.length - 3) : head;
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(sample);
      return true;
    } catch {
      // try the next encoding
    }
  }
  return false;
}

/** Identifies `file` or throws a clear VALIDATION error. `name` is the name the user sees (only checked for script extensions). */
export async function sniff(file: string, name: string): Promise<Sniffed> {
  const extension = path.extname(name).slice(1).toLowerCase();
  const fd = fs.openSync(file, 'r');
  let head: Buffer;
  let installer: boolean;
  try {
    head = readAt(fd, 0, 64 * 1024);
    installer = startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) && isInstaller(fd);
  } finally {
    fs.closeSync(fd);
  }
  const bom = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  if (head[bom] === 0x23 && head[bom + 1] === 0x21) throw refuseExecutable('#! script');
  for (const [what, signature] of EXECUTABLE_SIGNATURES) if (startsWith(head, signature)) throw refuseExecutable(what);
  if (installer) throw refuseExecutable('Windows Installer');
  if (SCRIPT_EXTENSIONS.has(extension)) throw refuseExecutable(`.${extension}`);
  const detected = await fileTypeFromFile(file);
  if (detected) {
    if (EXECUTABLE_TYPES.has(detected.ext)) throw refuseExecutable(detected.ext);
    const kind = ALLOWED[detected.mime];
    if (!kind) throw refuseType(detected.mime);
    return { mime: detected.mime, ext: detected.ext, kind };
  }
  if (isPlainText(head)) return { mime: 'text/plain', ext: 'txt', kind: 'text' };
  throw refuseType(extension ? `.${extension}` : 'unknown');
}
