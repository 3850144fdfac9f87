import fs from 'node:fs';
import path from 'node:path';
import { expect, open, SCREENSHOT_DIR, test } from './fixtures';
import { pdfText, squeeze } from './pdf-text';

/** A signed 军令状 printed to PDF (print media, as "打印/导出PDF" does) says what was pledged and by whom. */

interface PledgeView {
  pledge: { id: string; title: string; number: string; status: string; pledgerId: string; issuerId: string; text: string };
  parties: Record<string, { name: string } | null>;
  signatures: { personId: string; partyRole: string }[];
  missingSignatures: unknown[];
}

test('a signed pledge prints to a PDF with its title, parties and signatures, and without the app around it', async ({ page, app }, testInfo) => {
  // the demo's dam pledge: signed by every party and in force
  const boards = await app.call<{ id: string; title: string }[]>('boards.list', {});
  const annual = boards.find((b) => /科技攻关榜/.test(b.title))!;
  const cards = (await app.call<{ challenges: { id: string; title: string }[] }>('boards.view', { id: annual.id })).challenges;
  const dam = cards.find((c) => /瓦托水电站大坝/.test(c.title))!;
  const pledges = (await app.call<{ pledges: { id: string; status: string }[] }>('challenges.get', { id: dam.id })).pledges;
  const signed = pledges.find((p) => p.status === 'active' || p.status === 'signed');
  if (!signed) throw new Error('the demo has no signed pledge on the dam challenge');
  const view = await app.call<PledgeView>('pledges.get', { id: signed.id });
  expect(view.missingSignatures).toEqual([]);
  const pledger = view.parties[view.pledge.pledgerId]!.name;
  const issuer = view.parties[view.pledge.issuerId]!.name;

  await open(page, `/pledges/${signed.id}`);
  const sheet = page.getByRole('article', { name: '军令状' });
  await expect(sheet).toContainText(view.pledge.title);
  await expect(sheet).toContainText(pledger);
  await expect(sheet).toContainText(issuer);

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  fs.writeFileSync(path.join(SCREENSHOT_DIR, 'pledge-print.pdf'), pdf);
  await testInfo.attach('pledge-print.pdf', { body: pdf, contentType: 'application/pdf' });

  const { pages, text } = await pdfText(pdf);
  const printed = squeeze(text);
  expect(pages).toBeGreaterThan(0);
  expect(printed).toContain(squeeze(view.pledge.title));
  expect(printed).toContain(squeeze(view.pledge.number));
  expect(printed).toContain(squeeze(pledger));
  expect(printed).toContain(squeeze(issuer));
  expect(printed).toContain(squeeze('立状人'));
  expect(printed).toContain(squeeze('发令方'));
  // the pledge's own words, not just its heading: its longest paragraph, whole
  const paragraph = view.pledge.text.split('\n').sort((a, b) => b.length - a.length)[0] ?? '';
  expect(paragraph.length).toBeGreaterThan(20);
  expect(printed).toContain(squeeze(paragraph));
  // every party's signature block, with the supervisor too (the demo's pledge has one)
  for (const signature of view.signatures) expect(printed).toContain(squeeze(view.parties[signature.personId]!.name));
  // the app's chrome (navigation, person switcher, search) is not printed
  for (const chrome of ['人员与突击队', '当前用户', '跳到正文']) expect(printed).not.toContain(squeeze(chrome));
  await page.emulateMedia({ media: 'screen' });
});
