/**
 * Writes resources/icons/icon.png (512×512). Run: `npx tsx tests/support/make-icon.ts`.
 * tests/unit/icon.test.ts fails when the committed file differs from what this draws.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jiebangIconPng } from './icon-png';

const target = path.resolve(import.meta.dirname, '../../resources/icons/icon.png');
mkdirSync(path.dirname(target), { recursive: true });
const png = jiebangIconPng();
writeFileSync(target, png);
console.log(`wrote ${path.relative(process.cwd(), target)} (${png.length} bytes)`);
