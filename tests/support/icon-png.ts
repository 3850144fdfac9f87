/**
 * The app icon, drawn in code so it needs no image tools or fonts: a Chinese-red rounded square
 * holding a white board (榜) with three list lines and a gold star in the corner (揭榜, taking
 * up the challenge). Pure and deterministic, so a test can check the committed PNG is current.
 */
import { deflateSync } from 'node:zlib';

export const ICON_SIZE = 512;
export const JIEBANG_RED = [0xc8, 0x10, 0x2e] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
const GOLD = [0xff, 0xc8, 0x3d] as const;

type Rgb = readonly [number, number, number];
type Shape = { color: Rgb; contains: (x: number, y: number) => boolean };

function roundedRect(left: number, top: number, right: number, bottom: number, radius: number) {
  return (x: number, y: number): boolean => {
    if (x < left || x > right || y < top || y > bottom) return false;
    const cx = Math.min(Math.max(x, left + radius), right - radius);
    const cy = Math.min(Math.max(y, top + radius), bottom - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
}

function star(centerX: number, centerY: number, outer: number, inner: number) {
  const points: Array<[number, number]> = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push([centerX + radius * Math.cos(angle), centerY + radius * Math.sin(angle)]);
  }
  return (x: number, y: number): boolean => {
    // even-odd ray casting
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i] as [number, number];
      const [xj, yj] = points[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

/** Shapes in a 512-unit space, painted in order (later ones on top). */
function shapes(): Shape[] {
  return [
    { color: JIEBANG_RED, contains: roundedRect(16, 16, 496, 496, 96) },
    { color: WHITE, contains: roundedRect(112, 136, 400, 400, 28) },
    { color: JIEBANG_RED, contains: roundedRect(152, 196, 360, 224, 10) },
    { color: JIEBANG_RED, contains: roundedRect(152, 256, 360, 284, 10) },
    { color: JIEBANG_RED, contains: roundedRect(152, 316, 300, 344, 10) },
    { color: GOLD, contains: star(392, 132, 78, 32) },
  ];
}

/** RGBA pixels, 4×4 supersampled so edges are smooth. */
export function drawIcon(size = ICON_SIZE): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const scale = 512 / size;
  const samples = 4;
  const layers = shapes();
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) * scale;
          const y = (py + (sy + 0.5) / samples) * scale;
          let color: Rgb | null = null;
          for (const shape of layers) if (shape.contains(x, y)) color = shape.color;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const offset = (py * size + px) * 4;
      // un-premultiplied average of the covered samples, alpha = coverage
      pixels[offset] = a ? Math.round(r / a) : 0;
      pixels[offset + 1] = a ? Math.round(g / a) : 0;
      pixels[offset + 2] = a ? Math.round(b / a) : 0;
      pixels[offset + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A minimal PNG: 8-bit RGBA, no interlace, filter 0 on every row. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function jiebangIconPng(size = ICON_SIZE): Buffer {
  return encodePng(size, size, drawIcon(size));
}
