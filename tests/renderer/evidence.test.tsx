// @vitest-environment jsdom
import fs from 'node:fs';
import path from 'node:path';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentType } from 'react';
import { I18nextProvider } from 'react-i18next';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FileGrant, Result } from '../../main/contract/result';
import { Toasts } from '../../renderer/src/components/Toasts';
import { AcceptancePanel } from '../../renderer/src/features/challenge/work/AcceptancePanel';
import { MilestonesPanel } from '../../renderer/src/features/challenge/work/MilestonesPanel';
import { ProgressPanel } from '../../renderer/src/features/challenge/work/ProgressPanel';
import type { ChallengeDetail, PanelProps } from '../../renderer/src/features/challenge/types';
import { durationParts, transferPhase } from '../../renderer/src/features/evidence/model';
import { TransferQueue } from '../../renderer/src/features/evidence/TransferQueue';
import { createI18n } from '../../renderer/src/i18n';
import { formattersFor } from '../../renderer/src/i18n/format';
import type { Language } from '../../renderer/src/i18n';
import { ApiContext, unwrap } from '../../renderer/src/lib/api';
import { useSession } from '../../renderer/src/lib/session';
import { useResource } from '../../renderer/src/lib/use-resource';
import { tempDir } from '../support/store';
import { openUiStore, renderApp } from '../support/ui';
import type { UiStore } from '../support/ui';

// two cores shared by many runs: give the views (and sharp) time to answer before calling it a failure
configure({ asyncUtilTimeout: 10_000 });

/**
 * Evidence in the challenge page's panels and on the sync page, on a fresh copy of the real demo
 * database: real files (a JPEG made by sharp) handed over as the Electron preload hands them — the
 * File's bytes are on disk and main grants their path (AppStore.grantFile) — then attached, shown,
 * sent to the front of the queue, removed.
 */

beforeAll(() => {
  // jsdom has no object URLs; the views only hand them to <img src>
  let n = 0;
  URL.createObjectURL ??= () => `blob:jiebang-test/${++n}`;
  URL.revokeObjectURL ??= () => undefined;
});

afterEach(() => {
  Reflect.deleteProperty(window, 'jiebangFiles');
});

/** window.jiebangFiles as the preload makes it: the picked File is a file on disk, main grants its path. */
function installPicker(ui: UiStore): { grants: string[] } {
  const dir = tempDir();
  const seen = { grants: [] as string[] };
  Object.defineProperty(window, 'jiebangFiles', {
    configurable: true,
    value: {
      async grant(file: File): Promise<Result<FileGrant>> {
        const folder = fs.mkdtempSync(path.join(dir, 'pick-'));
        const onDisk = path.join(folder, file.name);
        fs.writeFileSync(onDisk, Buffer.from(await file.arrayBuffer()));
        const granted = ui.store.grantFile(onDisk);
        if (granted.ok) seen.grants.push(granted.value.token);
        return granted;
      },
    },
  });
  return seen;
}

async function jpeg(name: string, width = 1200, height = 900, colour = '#3a6ea5'): Promise<File> {
  const data = await sharp({ create: { width, height, channels: 3, background: colour } })
    .composite([{ input: Buffer.from(`<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 4}" fill="#cf222e"/></svg>`) }])
    .jpeg({ quality: 80 })
    .withExif({ IFD0: { Make: 'Jiebang' }, IFD2: { DateTimeOriginal: '2026:11:23 10:20:30', OffsetTimeOriginal: '+08:00' } })
    .toBuffer();
  return new File([new Uint8Array(data)], name, { type: 'image/jpeg' });
}

const pdf = (name: string, size = 30_000) => new File([new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size, 7)]))], name, { type: 'application/pdf' });

type Panel = ComponentType<PanelProps>;

function Harness({ id, panels }: { id: string; panels: Panel[] }) {
  const detail = useResource(`detail:${id}`, (api) => unwrap(api.challenges.get({ id })));
  if (!detail.data) return <p>…</p>;
  return (
    <>
      {panels.map((P, i) => (
        <P key={i} detail={detail.data as ChallengeDetail} />
      ))}
    </>
  );
}

function renderPanels(ui: UiStore, id: string, panels: Panel[], language: Language = 'zh-CN') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <ApiContext.Provider value={ui.api}>
        <Harness id={id} panels={panels} />
        <Toasts />
      </ApiContext.Provider>
    </I18nextProvider>,
  );
}

function renderQueue(ui: UiStore, language: Language = 'zh-CN') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <ApiContext.Provider value={ui.api}>
        <TransferQueue />
        <Toasts />
      </ApiContext.Provider>
    </I18nextProvider>,
  );
}

/** The demo's 3500 m pipe challenge (in progress): its newest log entry, its milestone in progress. */
async function pipe(ui: UiStore) {
  const cards = await ui.call<{ id: string; title: string; status: string }[]>('challenges.byStatus', { status: 'in_progress' });
  const card = cards.find((c) => c.title.startsWith('3500米级'));
  if (!card) throw new Error('no pipe challenge in the demo');
  const detail = await ui.call<ChallengeDetail>('challenges.get', { id: card.id });
  const entry = [...detail.progress].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.createdAt < b.createdAt ? 1 : -1))[0]!;
  const milestone = detail.milestones.find((m) => m.status === 'in_progress')!;
  return { id: card.id, detail, entry, milestone };
}

const count = (ui: UiStore, sql: string, ...args: unknown[]) => ui.store.db.prepare(sql).pluck().get(...args) as number;

/** The first strip's file input in the log (the newest entry). */
async function firstLogPicker() {
  const inputs = await screen.findAllByLabelText(/^选择要附加到.*的攻关日志的文件$/);
  return inputs[0] as HTMLInputElement;
}

describe('evidence on the challenge page', () => {
  it('a photo from the file picker: granted, attached, thumbnail and transfer state; the viewer with its facts, ← → and Esc', async () => {
    const ui = await openUiStore();
    const picker = installPicker(ui);
    const { id, entry } = await pipe(ui);
    renderPanels(ui, id, [ProgressPanel]);
    const user = userEvent.setup();

    await user.upload(await firstLogPicker(), [await jpeg('坝肩监测点.jpg'), pdf('检测报告.pdf')]);
    const thumb = await screen.findByAltText('坝肩监测点.jpg 的缩略图', {}, { timeout: 20_000 });
    expect(thumb.getAttribute('src')).toMatch(/^blob:/);
    await screen.findByText('已附加 2 个文件');
    // attached to the newest entry, through two one-time grants
    expect(picker.grants).toHaveLength(2);
    expect(count(ui, "SELECT count(*) FROM attachments WHERE owner_entity = 'progress' AND owner_id = ?", entry.id)).toBe(2);
    const strip = thumb.closest('[role="group"]') as HTMLElement;
    expect(strip.getAttribute('aria-label')).toMatch(/的攻关日志的佐证材料$/);
    expect(within(strip).getAllByText('待发送')).toHaveLength(2);
    expect(within(strip).getByText('PDF')).toBeTruthy();
    expect(within(strip).getByText('检测报告.pdf')).toBeTruthy();

    // the viewer: the large image made from the original, the facts, paging by keyboard
    await user.click(within(strip).getByRole('button', { name: /^查看 坝肩监测点\.jpg/ }));
    const viewer = await screen.findByRole('dialog', { name: '坝肩监测点.jpg' });
    // both were attached at the same instant of the test clock: either may come first
    const photoFirst = within(viewer).queryByText('第 1 / 2 个') !== null;
    expect(within(viewer).getByText(photoFirst ? '第 1 / 2 个' : '第 2 / 2 个')).toBeTruthy();
    const [towardPdf, back] = photoFirst ? ['ArrowRight', 'ArrowLeft'] : ['ArrowLeft', 'ArrowRight'];
    expect(within(viewer).getByText('照片')).toBeTruthy();
    expect(within(viewer).getByText(/1,?200 × 900 像素/)).toBeTruthy();
    expect(within(viewer).getByText(formattersFor('zh-CN').dateTime('2026-11-23T10:20:30+08:00'))).toBeTruthy();
    await waitFor(() => expect(within(viewer).queryByText('正在生成大图…')).toBeNull());
    expect(within(viewer).getByAltText('坝肩监测点.jpg').className).toBe('ev-stage-img');
    fireEvent.keyDown(viewer, { key: towardPdf });
    expect(await screen.findByRole('dialog', { name: '检测报告.pdf' })).toBeTruthy();
    expect(within(screen.getByRole('dialog')).getAllByText('PDF 文档')).toHaveLength(2); // the stage and the facts
    expect(within(screen.getByRole('dialog')).getByText('文件未记录拍摄时间')).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: towardPdf }); // past the end: stays
    expect(screen.getByRole('dialog', { name: '检测报告.pdf' })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: back });
    expect(await screen.findByRole('dialog', { name: '坝肩监测点.jpg' })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('refusals show the service’s own reason beside the strip, and store nothing: a program renamed .jpg, an unknown type, too large', async () => {
    const ui = await openUiStore();
    installPicker(ui);
    const { id } = await pipe(ui);
    renderPanels(ui, id, [ProgressPanel]);
    const user = userEvent.setup();
    const before = count(ui, 'SELECT count(*) FROM attachments');
    const exe = new File([new Uint8Array(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 0x41)]))], '现场照片.jpg', { type: 'image/jpeg' });
    const zip = new File([new Uint8Array(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300)]))], '资料.jpg', { type: 'image/jpeg' });
    await user.upload(await firstLogPicker(), [exe, zip]);

    const alert = await screen.findByRole('alert');
    await within(alert).findByText('资料.jpg：不支持的文件类型（application/zip）：佐证材料可以是照片、PDF、Office 文档、视频、音频或纯文本');
    expect(within(alert).getByText('现场照片.jpg：不能附加可执行文件（PE/MZ），无论它叫什么名字')).toBeTruthy();
    expect(count(ui, 'SELECT count(*) FROM attachments')).toBe(before);
    expect(count(ui, 'SELECT count(*) FROM evidence_transfers')).toBe(0);
    expect(screen.queryByText(/已附加/)).toBeNull();

    // dismissed one by one
    await user.click(within(alert).getByRole('button', { name: '关闭关于 现场照片.jpg 的提示' }));
    expect(screen.queryByText(/现场照片\.jpg：/)).toBeNull();

    // over the device's limit: the grant already says so
    ui.store.db.prepare("INSERT INTO settings (key, value) VALUES ('evidence_max_bytes', '10000')").run();
    await user.upload(await firstLogPicker(), [pdf('大报告.pdf', 50_000)]);
    expect(await screen.findByText(/^大报告\.pdf：文件过大（0\.0 MB），单个佐证材料不能超过 0\.0 MB$/)).toBeTruthy();
    expect(count(ui, 'SELECT count(*) FROM attachments')).toBe(before);
  });

  it('a File the page made itself has no path: the preload refuses it, with a clear reason', async () => {
    const ui = await openUiStore();
    // the preload's answer for an in-memory File (webUtils gives no path): main is never asked
    Object.defineProperty(window, 'jiebangFiles', {
      configurable: true,
      value: { grant: async () => ({ ok: false, error: { code: 'VALIDATION', message: '只能附加从本机选择或拖入的文件', messageEn: 'Only files picked or dropped on this computer can be attached' } }) },
    });
    const { id } = await pipe(ui);
    renderPanels(ui, id, [ProgressPanel], 'en');
    await userEvent.setup().upload((await screen.findAllByLabelText(/^Choose files to attach to the progress entry/))[0] as HTMLInputElement, [pdf('made-up.pdf')]);
    expect(await screen.findByText('made-up.pdf: Only files picked or dropped on this computer can be attached')).toBeTruthy();
  });

  it('dropping files on a milestone attaches them as its deliverable’s evidence; a verified milestone shows no drop target', async () => {
    const ui = await openUiStore();
    installPicker(ui);
    const { id, milestone, detail } = await pipe(ui);
    renderPanels(ui, id, [MilestonesPanel]);
    const strip = await screen.findByRole('group', { name: `节点“${milestone.title}”的佐证材料` });
    const files = [await jpeg('焊缝.jpg', 640, 480, '#777')];
    const dataTransfer = { types: ['Files'], files, dropEffect: 'none' };
    fireEvent.dragEnter(strip, { dataTransfer });
    expect(strip.className).toContain('ev-dragging');
    expect(within(strip).getByText('松开鼠标，附加到此处')).toBeTruthy();
    fireEvent.dragOver(strip, { dataTransfer });
    fireEvent.drop(strip, { dataTransfer });
    expect(await within(strip).findByAltText('焊缝.jpg 的缩略图', {}, { timeout: 20_000 })).toBeTruthy();
    expect(strip.className).not.toContain('ev-dragging');
    expect(count(ui, "SELECT count(*) FROM attachments WHERE owner_entity = 'milestone' AND owner_id = ?", milestone.id)).toBe(1);
    // milestone evidence goes before the daily log's
    expect(count(ui, "SELECT priority FROM evidence_transfers WHERE kind = 'original'")).toBe(20);

    const verified = detail.milestones.find((m) => m.status === 'verified')!;
    expect(screen.queryByRole('group', { name: `节点“${verified.title}”的佐证材料` })).toBeNull();
  });

  it('send this original now, and removal with a reason (the record stays, the upload stops)', async () => {
    const ui = await openUiStore();
    installPicker(ui);
    const { id } = await pipe(ui);
    renderPanels(ui, id, [ProgressPanel]);
    const user = userEvent.setup();
    await user.upload(await firstLogPicker(), [await jpeg('渗压计.jpg')]);
    await screen.findByAltText('渗压计.jpg 的缩略图', {}, { timeout: 20_000 });
    const attachmentId = ui.store.db.prepare("SELECT id FROM attachments WHERE name = '渗压计.jpg'").pluck().get() as string;
    const sha = ui.store.db.prepare('SELECT sha256 FROM attachments WHERE id = ?').pluck().get(attachmentId) as string;

    // the runner starts and moves files without any data event: the strip looks again by itself
    const size = count(ui, 'SELECT size FROM attachments WHERE id = ?', attachmentId);
    ui.store.db.prepare("UPDATE evidence_transfers SET state = 'active', offset = ? WHERE sha256 = ?").run(Math.round(size / 2), sha);
    expect(await screen.findByText('发送中 50%', {}, { timeout: 12_000 })).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: '渗压计.jpg 已传输 50%' }).getAttribute('aria-valuenow')).toBe('50');
    ui.store.db.prepare("UPDATE evidence_transfers SET state = 'queued' WHERE sha256 = ?").run(sha);
    expect(await screen.findByText('已发送 50%，待续传', {}, { timeout: 12_000 })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: /^查看 渗压计\.jpg/ }));
    const viewer = await screen.findByRole('dialog', { name: '渗压计.jpg' });
    await user.click(within(viewer).getByRole('button', { name: '立即发送此原件' }));
    expect(await screen.findByText('渗压计.jpg 已排到传输队首')).toBeTruthy();
    expect(count(ui, 'SELECT priority FROM evidence_transfers WHERE sha256 = ?', sha)).toBe(-10);

    await user.click(within(viewer).getByRole('button', { name: '移除' }));
    await user.click(within(viewer).getByRole('button', { name: '确认移除' }));
    expect(within(viewer).getByRole('alert').textContent).toBe('请填写移除原因');
    expect(count(ui, 'SELECT count(*) FROM attachments WHERE id = ? AND removed_at IS NOT NULL', attachmentId)).toBe(0);
    await user.type(within(viewer).getByLabelText('移除原因（将记入留痕）'), '拍错了坝段');
    await user.click(within(viewer).getByRole('button', { name: '确认移除' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('已移除 渗压计.jpg')).toBeTruthy();
    await waitFor(() => expect(screen.queryByAltText('渗压计.jpg 的缩略图')).toBeNull());
    expect(count(ui, 'SELECT count(*) FROM attachments WHERE id = ? AND removed_at IS NOT NULL', attachmentId)).toBe(1);
    expect(ui.store.db.prepare("SELECT json_extract(detail, '$.reason') FROM events WHERE entity_id = ? AND action = 'attachment.remove'").pluck().get(attachmentId)).toBe('拍错了坝段');
    expect(ui.store.db.prepare("SELECT DISTINCT state FROM evidence_transfers WHERE direction = 'up'").pluck().all()).toEqual(['cancelled']);
  });

  it('someone else’s evidence cannot be removed by a site member (no button), and an original elsewhere can be fetched', async () => {
    const ui = await openUiStore();
    installPicker(ui);
    const { id } = await pipe(ui);
    const view = renderPanels(ui, id, [ProgressPanel], 'en');
    const user = userEvent.setup();
    await user.upload((await screen.findAllByLabelText(/^Choose files to attach to the progress entry/))[0] as HTMLInputElement, [await jpeg('weld.jpg')]);
    await screen.findByAltText('Thumbnail of weld.jpg', {}, { timeout: 20_000 });
    // as if attached on the site's laptop: this device has the record and the thumbnail, not the original
    const row = ui.store.db.prepare("SELECT id, sha256 FROM attachments WHERE name = 'weld.jpg'").get() as { id: string; sha256: string };
    fs.rmSync(path.join(path.dirname(ui.store.db.name), 'evidence', row.sha256.slice(0, 2), row.sha256.slice(2)));
    ui.store.db.prepare('DELETE FROM evidence_transfers').run();
    view.unmount();

    const people = await ui.call<{ id: string; name: string; roles: string[] }[]>('people.list', {});
    const member = people.find((p) => p.roles.length === 1 && p.roles[0] === 'site_member')!;
    await act(() => useSession.getState().switchPerson(ui.api, member.id));
    await act(() => useSession.getState().load(ui.api));
    renderPanels(ui, id, [ProgressPanel], 'en');
    await user.click(await screen.findByRole('button', { name: /^View weld\.jpg/ }));
    const viewer = await screen.findByRole('dialog', { name: 'weld.jpg' });
    expect(within(viewer).getByText('Original at HQ')).toBeTruthy();
    expect(within(viewer).getByText(/This is the thumbnail/)).toBeTruthy();
    expect(within(viewer).queryByRole('button', { name: 'Remove' })).toBeNull();
    await user.click(within(viewer).getByRole('button', { name: 'Fetch the original' }));
    expect(await screen.findByText('Fetching the original of weld.jpg')).toBeTruthy();
    expect(ui.store.db.prepare("SELECT kind, state FROM evidence_transfers WHERE direction = 'down'").all()).toEqual([{ kind: 'original', state: 'queued' }]);
    await waitFor(() => expect(within(screen.getByRole('dialog')).getByText('Original queued for download')).toBeTruthy());
  });

  it('is part of the real challenge page, on progress entries, milestones and acceptance requests', async () => {
    const ui = await openUiStore();
    const { id, milestone } = await pipe(ui);
    renderApp(ui.api, `/challenges/${id}`);
    expect(await screen.findByRole('group', { name: `节点“${milestone.title}”的佐证材料` })).toBeTruthy();
    expect((await screen.findAllByRole('group', { name: /的攻关日志的佐证材料$/ })).length).toBeGreaterThan(0);
    // a 子榜 with an open acceptance request takes evidence on it
    const cards = await ui.call<{ id: string; status: string }[]>('challenges.byStatus', { status: 'acceptance_requested' });
    const requested = await ui.call<ChallengeDetail>('challenges.get', { id: cards[0]!.id });
    const open = requested.acceptances.find((a) => a.decision === null)!;
    expect(open).toBeTruthy();
    renderPanels(ui, requested.challenge.id, [AcceptancePanel]);
    expect(await screen.findByRole('group', { name: /的验收申请的佐证材料$/ })).toBeTruthy();
  });
});

describe('the transfer queue on the sync page', () => {
  it('lists what waits, with the total and the time on the current link; send one now', async () => {
    const ui = await openUiStore();
    installPicker(ui);
    const { id } = await pipe(ui);
    const view = renderPanels(ui, id, [ProgressPanel]);
    const user = userEvent.setup();
    await user.upload(await firstLogPicker(), [await jpeg('a.jpg'), pdf('b.pdf', 600_000)]);
    await screen.findByText('已附加 2 个文件');
    view.unmount();
    // then the device is a laptop at a thin-VSAT site (L3), enrolled with a hub that is out of reach for now
    const people = await ui.call<{ id: string; siteId: string }[]>('people.list', {});
    const sites = ui.store.db.prepare("SELECT id FROM sites WHERE link_profile = 'L3'").all() as { id: string }[];
    const lead = people.find((p) => sites.some((s) => s.id === p.siteId))!;
    await ui.call('session.switchPerson', { personId: lead.id });
    ui.store.db.prepare("INSERT INTO sync_peer (hub_url, device_id, token, cursor) VALUES ('http://127.0.0.1:9', 'd1', 'token', 0)").run();

    renderQueue(ui);
    const queue = await screen.findByRole('region', { name: '佐证材料传输' });
    const total = count(ui, "SELECT sum(size) FROM evidence_transfers WHERE direction = 'up'");
    expect(within(queue).getByText(/^3 个文件等待发送到总部，还剩 .* KB。$/)).toBeTruthy();
    expect(within(queue).getByText('窄带 VSAT（L3）')).toBeTruthy();
    const seconds = Math.ceil((total * 8) / 64_000);
    const d = durationParts(seconds);
    expect(d.m).toBeGreaterThan(0);
    expect(within(queue).getByText(new RegExp(`^约 ${d.m} 分${d.s ? ` ${d.s} 秒` : '钟'}（.*，按链路标称速率）$`))).toBeTruthy();
    const rows = within(queue).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual(['缩略图（上传）', '原件（上传）', '原件（上传）']);
    // send the PDF now: it moves to the front, marked
    await user.click(within(queue).getByRole('button', { name: '立即发送 b.pdf' }));
    expect(await screen.findByText('b.pdf 已排到传输队首')).toBeTruthy();
    await waitFor(() => expect(within(queue).getAllByRole('row')[1]!.textContent).toContain('b.pdf'));
    expect(within(queue).getByText('优先')).toBeTruthy();
  });

  it('says when nothing waits, and why files wait on a satellite phone (English)', async () => {
    const ui = await openUiStore();
    const view = renderQueue(ui, 'en');
    expect(await screen.findByText('The transfer queue is empty')).toBeTruthy();
    expect(screen.getByText('No files are waiting to go to HQ.')).toBeTruthy();
    expect(screen.getByText(/This device is not connected to HQ yet/)).toBeTruthy();
    view.unmount();

    installPicker(ui);
    const { entry } = await pipe(ui);
    const granted = ui.store.grantFile(await (async () => {
      const file = path.join(tempDir(), 'p.jpg');
      fs.writeFileSync(file, Buffer.from(await (await jpeg('p.jpg')).arrayBuffer()));
      return file;
    })());
    if (!granted.ok) throw new Error(granted.error.message);
    await ui.call('evidence.attach', { token: granted.value.token, ownerEntity: 'progress', ownerId: entry.id });
    const me = await ui.call<{ person: { siteId: string } }>('session.get', {});
    ui.store.db.prepare("UPDATE sites SET link_profile = 'L6' WHERE id = ?").run(me.person.siteId);
    renderQueue(ui, 'en');
    expect(await screen.findByText('Satellite phone (L6)')).toBeTruthy();
    expect(screen.getByText(/of originals: this link sends thumbnails only/)).toBeTruthy();
    const original = screen.getAllByRole('row').find((r) => r.textContent?.includes('Original (upload)'))!;
    expect(within(original).getByText('Waiting for a better link')).toBeTruthy();
  });
});

describe('transfer phases', () => {
  it('reads the original’s place from the transfer and the local copy', () => {
    const base = { local: { original: true, thumb: true }, transfer: null };
    const t = (direction: 'up' | 'down', state: string, offset = 0) => ({ direction, state, offset, size: 100, lastError: null }) as never;
    expect(transferPhase(base)).toBe('here');
    expect(transferPhase({ ...base, local: { original: false, thumb: true } })).toBe('remote');
    expect(transferPhase({ ...base, transfer: t('up', 'queued') })).toBe('queued');
    expect(transferPhase({ ...base, transfer: t('up', 'queued', 40) })).toBe('paused');
    expect(transferPhase({ ...base, transfer: t('up', 'active', 40) })).toBe('sending');
    expect(transferPhase({ ...base, transfer: t('up', 'done', 100) })).toBe('sent');
    expect(transferPhase({ ...base, transfer: t('up', 'failed') })).toBe('failed');
    expect(transferPhase({ local: { original: false, thumb: true }, transfer: t('down', 'active', 10) })).toBe('downloading');
    expect(transferPhase({ local: { original: true, thumb: true }, transfer: t('down', 'done', 100) })).toBe('here');
    expect(durationParts(4_321)).toEqual({ h: 1, m: 12, s: 0 });
    expect(durationParts(125)).toEqual({ h: 0, m: 2, s: 5 });
  });
});
