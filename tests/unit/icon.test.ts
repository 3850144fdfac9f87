import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, drawIcon, ICON_SIZE, JIEBANG_RED, PNG_SIGNATURE } from '../support/icon-png';

const iconPath = path.resolve(import.meta.dirname, '../../resources/icons/icon.png');

interface Chunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

function readChunks(png: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    chunks.push({
      type: typeAndData.subarray(0, 4).toString('latin1'),
      data: typeAndData.subarray(4),
      crcOk: crc32(typeAndData) === png.readUInt32BE(offset + 8 + length),
    });
    offset += 12 + length;
  }
  return chunks;
}

/** Pixels of a filter-0-only RGBA PNG, as written by tests/support/icon-png.ts. */
function decodePixels(chunks: Chunk[], size: number): Uint8Array {
  const raw = inflateSync(Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data)));
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    expect(raw[y * (size * 4 + 1)]).toBe(0);
    pixels.set(raw.subarray(y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1)), y * size * 4);
  }
  return pixels;
}

describe('resources/icons/icon.png', () => {
  const png = readFileSync(iconPath);
  const chunks = readChunks(png);

  it('is a well-formed 512×512 8-bit RGBA PNG', () => {
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((chunk) => chunk.crcOk)).toBe(true);
    const header = chunks[0]?.data;
    expect([header?.readUInt32BE(0), header?.readUInt32BE(4), header?.[8], header?.[9]]).toEqual([512, 512, 8, 6]);
  });

  it('is what tests/support/make-icon.ts draws (regenerate it after changing the drawing)', () => {
    expect(Buffer.from(decodePixels(chunks, ICON_SIZE)).equals(Buffer.from(drawIcon()))).toBe(true);
  });

  it('is Chinese red with transparent corners', () => {
    const pixels = decodePixels(chunks, ICON_SIZE);
    const at = (x: number, y: number) => [...pixels.subarray((y * ICON_SIZE + x) * 4, (y * ICON_SIZE + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    expect(at(40, 460)).toEqual([...JIEBANG_RED, 255]);
  });
});
