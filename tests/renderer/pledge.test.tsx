// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Output } from '../../main/contract/index';
import { listChanges, textSegments } from '../../renderer/src/features/pledge/diff';
import { milestoneWrites } from '../../renderer/src/features/pledge/form';
import { chineseNumeral, shortHash } from '../../renderer/src/features/pledge/model';
import { useSession } from '../../renderer/src/lib/session';
import type { UiStore } from '../support/ui';
import { openUiStore, renderApp } from '../support/ui';

type PledgeView = Output<'pledges.get'>;
type Detail = Output<'challenges.get'>;
type PersonRow = Output<'people.list'>[number];
type Card = Output<'challenges.byStatus'>[number];

const WAIT = { timeout: 8000 };

afterEach(() => {
  vi.restoreAllMocks();
});

async function personId(ui: UiStore, name: string): Promise<string> {
  const people = await ui.call<PersonRow[]>('people.list', {});
  const person = people.find((p) => p.name === name);
  if (!person) throw new Error(`no person ${name}`);
  return person.id;
}

async function challengeId(ui: UiStore, code: string): Promise<string> {
  const cards = await ui.call<Card[]>('challenges.byStatus', {});
  const card = cards.find((c) => c.code === code);
  if (!card) throw new Error(`no challenge ${code}`);
  return card.id;
}

/** The demo's 焊接烟尘 challenge (JC2026-03) is published with 谭国华's shortlisted claim: HQ picks him. */
async function appointFume(ui: UiStore): Promise<{ id: string; tan: string }> {
  const id = await challengeId(ui, 'JC2026-03');
  const tan = await personId(ui, '谭国华');
  const detail = await ui.call<Detail>('challenges.get', { id });
  const claim = detail.claims.find((c) => c.applicantId === tan);
  if (!claim) throw new Error('no claim by 谭国华');
  await ui.call('claims.select', { id: claim.id });
  await ui.call('appointments.appoint', { claimId: claim.id, leaderId: tan });
  return { id, tan };
}

/** Acts as someone else: the service's session, then the view's copy of it (as the person switcher does). */
async function actAs(ui: UiStore, name: string): Promise<string> {
  const id = await personId(ui, name);
  await ui.call('session.switchPerson', { personId: id });
  await act(async () => {
    await useSession.getState().load(ui.api);
  });
  return id;
}

function lastPath(app: { history: string[] }): string {
  return app.history.at(-1) ?? '';
}

async function pledgeIdFromPath(app: { history: string[] }): Promise<string> {
  await waitFor(() => expect(lastPath(app)).toMatch(/^\/pledges\/[^/]+$/), WAIT);
  return lastPath(app).split('/')[2] as string;
}

function setValue(element: HTMLElement, value: string) {
  fireEvent.change(element, { target: { value } });
}

describe('the 军令状 editor and document', () => {
  it('drafts a pledge from the challenge, edits and reorders it, submits it, and two parties sign it', async () => {
    const ui = await openUiStore();
    const { id: cid, tan } = await appointFume(ui);
    const liang = await personId(ui, '梁志远');
    const app = renderApp(ui.api, `/challenges/${cid}/pledge/new`);

    expect(await screen.findByRole('heading', { name: '起草军令状' }, WAIT)).toBeTruthy();
    // prefilled: the appointed leader pledges to the HQ officer at the desk; the KPIs become commitments
    expect((screen.getByLabelText('立状人') as HTMLSelectElement).value).toBe(tan);
    expect((screen.getByLabelText('发令方') as HTMLSelectElement).value).toBe(liang);
    expect((screen.getByLabelText('第 1 项指标名称') as HTMLInputElement).value).toBe('车间烟尘浓度');
    expect((screen.getByLabelText('第 1 项目标值') as HTMLInputElement).value).toBe('2');
    const text = screen.getByLabelText('军令状正文') as HTMLTextAreaElement;
    expect(text.value).toMatch(/^军令状\n\n立状人谭国华（珠江钢管/);
    expect(text.value).toContain('车间烟尘浓度由现状6 mg/m³达到2 mg/m³；');
    expect(text.value).toContain('空口无凭，立此为证。');
    // the customary wording follows the form until the person edits it
    setValue(screen.getByLabelText('第 1 项目标值'), '1.5');
    expect((screen.getByLabelText('军令状正文') as HTMLTextAreaElement).value).toContain('达到1.5 mg/m³；');

    setValue(screen.getByLabelText('标题'), '焊接烟尘治理军令状');
    fireEvent.click(screen.getByRole('button', { name: '添加节点' }));
    setValue(screen.getByLabelText('节点名称'), '集尘罩与滤筒除尘器安装调试');
    setValue(screen.getByLabelText('截止日期'), '2027-01-20');
    setValue(screen.getByLabelText('交付成果'), '除尘系统调试报告');
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));

    const pid = await pledgeIdFromPath(app);
    let saved = await ui.call<PledgeView>('pledges.get', { id: pid });
    expect(saved.pledge).toMatchObject({ status: 'draft', title: '焊接烟尘治理军令状', pledgerId: tan, issuerId: liang, version: 1 });
    expect(saved.pledge.commitments[0]).toEqual({ kpi: '车间烟尘浓度', target: '1.5', unit: 'mg/m³' });
    expect(saved.pledge.text).toContain('达到1.5 mg/m³');
    expect(saved.milestones.map((m) => m.title)).toEqual(['集尘罩与滤筒除尘器安装调试']);

    // the document: 军令状, number, version, parties, clauses, and two unsigned required parties
    expect(await screen.findByRole('heading', { level: 1, name: '军令状' }, WAIT)).toBeTruthy();
    expect(screen.getByText('编号：JLZ-JC2026-03')).toBeTruthy();
    expect(screen.getByText('第 1 版')).toBeTruthy();
    expect(screen.getByText('集尘罩与滤筒除尘器安装调试，2027年1月20日前完成')).toBeTruthy();
    const signatures = screen.getByRole('region', { name: '签署' });
    expect(within(signatures).getAllByText('待签署')).toHaveLength(2);

    // edit: a second milestone, moved first; a reward
    fireEvent.click(screen.getByRole('link', { name: '编辑草稿' }));
    expect(await screen.findByRole('heading', { name: /编辑军令状 JLZ-JC2026-03/ }, WAIT)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '添加节点' }));
    setValue(screen.getAllByLabelText('节点名称')[1] as HTMLElement, '车间通风改造方案评审');
    setValue(screen.getAllByLabelText('截止日期')[1] as HTMLElement, '2026-12-20');
    fireEvent.click(screen.getByRole('button', { name: '上移节点 2' }));
    fireEvent.click(screen.getByRole('button', { name: '添加奖励' }));
    setValue(screen.getByLabelText('第 2 条奖励'), '申报集团“两优一先”');
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(lastPath(app)).toBe(`/pledges/${pid}`), WAIT);
    saved = await ui.call<PledgeView>('pledges.get', { id: pid });
    expect([...saved.milestones].sort((a, b) => a.seq - b.seq).map((m) => m.title)).toEqual(['车间通风改造方案评审', '集尘罩与滤筒除尘器安装调试']);
    expect(saved.pledge.rewards).toEqual(['揭榜成功奖励10万元。', '申报集团“两优一先”']);

    // submit for signing from the document
    fireEvent.click(await screen.findByRole('button', { name: '提交签署' }, WAIT));
    await waitFor(async () => expect((await ui.call<PledgeView>('pledges.get', { id: pid })).pledge.status).toBe('ready_to_sign'), WAIT);

    // the pledger signs at the site
    await actAs(ui, '谭国华');
    fireEvent.click(await screen.findByRole('button', { name: '以立状人身份签署' }, WAIT));
    const confirm = screen.getByRole('dialog', { name: '签署军令状' });
    expect(within(confirm).getByText(/您将以立状人身份签署《焊接烟尘治理军令状》第 1 版/)).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: '确认签署' }));
    expect(await screen.findByText('已以立状人身份签署', {}, WAIT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '以发令方身份签署' })).toBeNull();

    // HQ countersigns as issuer: the pledge is signed
    await actAs(ui, '梁志远');
    fireEvent.click(await screen.findByRole('button', { name: '以发令方身份签署' }, WAIT));
    fireEvent.click(within(screen.getByRole('dialog', { name: '签署军令状' })).getByRole('button', { name: '确认签署' }));
    await screen.findByText('已以发令方身份签署', {}, WAIT);

    const done = await ui.call<PledgeView>('pledges.get', { id: pid });
    expect(done.pledge.status).toBe('signed');
    expect(done.signatures.map((s) => s.partyRole).sort()).toEqual(['issuer', 'pledger']);
    await waitFor(() => expect(screen.getByText('2 方均已签署')).toBeTruthy(), WAIT);
    const block = screen.getByRole('region', { name: '签署' });
    expect(within(block).queryByText('待签署')).toBeNull();
    expect(within(block).getByText('谭国华')).toBeTruthy();
    expect(within(block).getByText('梁志远')).toBeTruthy();
    const short = `${done.currentHash.slice(0, 8)}…${done.currentHash.slice(-4)}`;
    const hashes = within(block).getAllByText(short);
    expect(hashes).toHaveLength(2);
    expect(hashes[0]?.getAttribute('title')).toBe(done.currentHash);
    // the full fingerprint is in the document too (shown in print)
    expect(within(block).getAllByText(done.currentHash)).toHaveLength(2);
    expect(within(block).getByText('珠江钢管南沙制管厂')).toBeTruthy();
  });

  it('shows the service’s reason when a signature is refused, and changes nothing', async () => {
    const ui = await openUiStore();
    const cid = await challengeId(ui, 'JC2026-04');
    const detail = await ui.call<Detail>('challenges.get', { id: cid });
    const pledge = detail.pledges[0] as Detail['pledges'][number];
    const before = await ui.call<PledgeView>('pledges.get', { id: pledge.id });
    expect(before.pledge.status).toBe('partially_signed');
    // 何敏, the issuer, opens the document…
    await actAs(ui, '何敏');
    renderApp(ui.api, `/pledges/${pledge.id}`);
    expect(await screen.findByText(/已签 2\/3，待签：发令方 何敏/, {}, WAIT)).toBeTruthy();
    const sign = await screen.findByRole('button', { name: '以发令方身份签署' }, WAIT);
    // …but the device has meanwhile been switched to 孙丽, who is not a party
    const sun = await personId(ui, '孙丽');
    await ui.call('session.switchPerson', { personId: sun });
    fireEvent.click(sign);
    fireEvent.click(within(screen.getByRole('dialog', { name: '签署军令状' })).getByRole('button', { name: '确认签署' }));
    const alert = await screen.findByText('签署未成功：孙丽 不是本军令状的发令方', {}, WAIT);
    expect(alert.closest('[role="alert"]')).toBeTruthy();
    const after = await ui.call<PledgeView>('pledges.get', { id: pledge.id });
    expect(after.pledge.status).toBe('partially_signed');
    expect(after.signatures).toHaveLength(before.signatures.length);
  });

  it('shows what the amendment changed against the version it amends, in words as well as colour', async () => {
    const ui = await openUiStore();
    const cid = await challengeId(ui, 'KJ2026-02');
    const detail = await ui.call<Detail>('challenges.get', { id: cid });
    const v2 = detail.pledges.find((p) => p.version === 2) as Detail['pledges'][number];
    renderApp(ui.api, `/pledges/${v2.id}`);

    const diff = await screen.findByRole('region', { name: '第 1 版 → 第 2 版的修改' }, WAIT);
    expect(within(diff).getByText(/修订理由：整管全尺寸抗压溃试验三轮失败/)).toBeTruthy();
    const milestones = within(diff).getByRole('region', { name: '节点' });
    const changed = within(milestones).getByText('〔修改〕').closest('li') as HTMLElement;
    // the due date moved 50 days: 8月21日 → 10月10日 on the demo's fixed clock
    const deleted = [...changed.querySelectorAll('del')].map((d) => d.textContent);
    const inserted = [...changed.querySelectorAll('ins')].map((d) => d.textContent);
    expect(deleted).toContain('〔删：8月21〕');
    expect(inserted).toContain('〔增：10月10〕');
    expect(inserted.some((s) => s?.includes('第8组及后续配比'))).toBe(true);
    expect(within(diff).getByText(/^未修改：.*状文.*承诺指标/)).toBeTruthy();
    // the versions list: both, this one marked; the older one links to its own page
    const versions = screen.getByRole('region', { name: '版本' });
    expect(within(versions).getByText('（当前）')).toBeTruthy();
    const v1 = detail.pledges.find((p) => p.version === 1) as Detail['pledges'][number];
    expect(within(versions).getByRole('link', { name: /第 1 版/ }).getAttribute('href')).toBe(`/pledges/${v1.id}`);
    // the document says it amends version 1
    expect(screen.getByText(/本版修订第 1 版。修订理由：/)).toBeTruthy();
  });

  it('amends a signed pledge into a new draft version and opens it; prints the document', async () => {
    const ui = await openUiStore();
    const cid = await challengeId(ui, 'KJ2026-02');
    const detail = await ui.call<Detail>('challenges.get', { id: cid });
    const v2 = detail.pledges.find((p) => p.version === 2) as Detail['pledges'][number];
    const app = renderApp(ui.api, `/pledges/${v2.id}`);
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    fireEvent.click(await screen.findByRole('button', { name: '打印 / 导出 PDF' }, WAIT));
    expect(print).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('button', { name: '修订' }));
    const dialog = screen.getByRole('dialog', { name: '修订军令状' });
    fireEvent.click(within(dialog).getByRole('button', { name: '修订' }));
    expect(within(dialog).getByText('此项必填')).toBeTruthy();
    setValue(within(dialog).getByLabelText('修订理由（将写入新版本）'), '第三方见证机构排期调整，节点3顺延。');
    fireEvent.click(within(dialog).getByRole('button', { name: '修订' }));
    const v3 = await pledgeIdFromPath(app);
    await waitFor(() => expect(v3).not.toBe(v2.id));
    const view = await ui.call<PledgeView>('pledges.get', { id: v3 });
    expect(view.pledge).toMatchObject({ version: 3, status: 'draft', amendmentReason: '第三方见证机构排期调整，节点3顺延。', supersedesId: v2.id });
    expect(await screen.findByText('第 3 版', {}, WAIT)).toBeTruthy();
    expect(await screen.findByText('与上一版相比没有修改。', {}, WAIT)).toBeTruthy();
    // an amendment keeps the original milestones in their places
    fireEvent.click(screen.getByRole('link', { name: '编辑草稿' }));
    expect(await screen.findByText(/修订稿沿用原节点及其进度/, {}, WAIT)).toBeTruthy();
    expect((screen.getByRole('button', { name: '删除节点 1' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: '下移节点 1' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('checks the form inline and shows the service’s reason; nothing is written until it is right', async () => {
    const ui = await openUiStore();
    const { id: cid, tan } = await appointFume(ui);
    renderApp(ui.api, `/challenges/${cid}/pledge/new`);
    await screen.findByRole('heading', { name: '起草军令状' }, WAIT);

    setValue(screen.getByLabelText('标题'), '  ');
    setValue(screen.getByLabelText('发令方'), tan);
    setValue(screen.getByLabelText('期限'), '2027-01-31');
    fireEvent.click(screen.getByRole('button', { name: '添加节点' }));
    setValue(screen.getByLabelText('节点名称'), '烟气余热回收投运');
    setValue(screen.getByLabelText('截止日期'), '2027-03-01');
    fireEvent.click(screen.getByRole('button', { name: '添加惩罚' }));
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));

    expect(screen.getByText('有 4 处需要修改，见标红的栏目。')).toBeTruthy();
    const title = screen.getByLabelText('标题');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(title.getAttribute('aria-describedby') ?? '')?.textContent).toBe('此项必填');
    expect(screen.getByText('发令方不能是立状人本人')).toBeTruthy();
    expect(screen.getByText('节点日期晚于军令状期限')).toBeTruthy();
    expect(screen.getByText('内容为空：请填写或删除此条')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(title));

    // fixed as the person types; a pledge going for signing needs a commitment or a milestone
    setValue(title, '焊接烟尘治理军令状');
    setValue(screen.getByLabelText('发令方'), await personId(ui, '何敏'));
    fireEvent.click(screen.getByRole('button', { name: '删除节点 1' }));
    fireEvent.click(screen.getByRole('button', { name: '删除第 1 条惩罚' }));
    fireEvent.click(screen.getByRole('button', { name: '删除第 2 项承诺指标' }));
    fireEvent.click(screen.getByRole('button', { name: '删除第 1 项承诺指标' }));
    expect(screen.queryByText('发令方不能是立状人本人')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '保存并提交签署' }));
    expect(screen.getByText('提交签署前至少要有一项承诺指标或一个节点')).toBeTruthy();
    expect((await ui.call<Detail>('challenges.get', { id: cid })).pledges).toHaveLength(0);

    // a site member may not draft for someone else: the service says so, in place
    fireEvent.click(screen.getByRole('button', { name: '添加承诺指标' }));
    setValue(screen.getByLabelText('第 1 项指标名称'), '车间烟尘浓度');
    setValue(screen.getByLabelText('第 1 项目标值'), '2');
    await actAs(ui, '梁永盛');
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    const refused = await screen.findByText('保存未成功：现场人员只能起草自己的军令状', {}, WAIT);
    expect(refused.closest('[role="alert"]')).toBeTruthy();
    expect((await ui.call<Detail>('challenges.get', { id: cid })).pledges).toHaveLength(0);
  });

  it('asks before leaving with unsaved changes', async () => {
    const ui = await openUiStore();
    const { id: cid } = await appointFume(ui);
    const app = renderApp(ui.api, `/challenges/${cid}/pledge/new`);
    await screen.findByRole('heading', { name: '起草军令状' }, WAIT);
    // nothing changed yet: leaving is free
    fireEvent.click(screen.getByRole('link', { name: '看板' }));
    await waitFor(() => expect(lastPath(app)).toBe('/dashboard'));
    act(() => app.navigate(`/challenges/${cid}/pledge/new`));
    await screen.findByRole('heading', { name: '起草军令状' }, WAIT);
    setValue(screen.getByLabelText('标题'), '改过的标题');
    fireEvent.click(screen.getByRole('link', { name: '看板' }));
    const ask = screen.getByRole('dialog', { name: '放弃未保存的修改？' });
    expect(lastPath(app)).toBe(`/challenges/${cid}/pledge/new`);
    fireEvent.click(within(ask).getByRole('button', { name: '取消' }));
    expect((screen.getByLabelText('标题') as HTMLInputElement).value).toBe('改过的标题');
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: '放弃未保存的修改？' })).getByRole('button', { name: '放弃修改并离开' }));
    await waitFor(() => expect(lastPath(app)).toBe(`/challenges/${cid}`));
  });

  it('says why a pledge cannot be drafted, and that only a draft can be edited', async () => {
    const ui = await openUiStore();
    const published = await challengeId(ui, 'JC2026-05');
    renderApp(ui.api, `/challenges/${published}/pledge/new`);
    expect(await screen.findByText('这个榜题现在不能起草军令状', {}, WAIT)).toBeTruthy();
    expect(screen.getByText('榜题状态为「草拟」：挂帅后才能立军令状。')).toBeTruthy();
    cleanup();
    const cid = await challengeId(ui, 'KJ2026-02');
    const v2 = (await ui.call<Detail>('challenges.get', { id: cid })).pledges.find((p) => p.version === 2) as Detail['pledges'][number];
    renderApp(ui.api, `/pledges/${v2.id}/edit`);
    expect(await screen.findByText('这份军令状状态为「执行中」，不能再编辑', {}, WAIT)).toBeTruthy();
    expect(screen.getByRole('link', { name: '查看军令状' }).getAttribute('href')).toBe(`/pledges/${v2.id}`);
  });

  it('reads in English', async () => {
    const ui = await openUiStore();
    const cid = await challengeId(ui, 'KJ2026-02');
    const v2 = (await ui.call<Detail>('challenges.get', { id: cid })).pledges.find((p) => p.version === 2) as Detail['pledges'][number];
    renderApp(ui.api, `/pledges/${v2.id}`, 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Pledge' }, WAIT)).toBeTruthy();
    expect(screen.getByText('Version 2')).toBeTruthy();
    expect(screen.getByText('All 3 parties have signed')).toBeTruthy();
    const block = screen.getByRole('region', { name: 'Signatures' });
    expect(within(block).getAllByText('Signed at')).toHaveLength(3);
    expect(within(block).getByText('Awaiting signature')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Article 1\s+Commitments/ })).toBeTruthy();
    const diff = screen.getByRole('region', { name: 'Changes from version 1 to version 2' });
    expect(within(diff).getByText('[changed]')).toBeTruthy();
    expect(within(diff).getByText('1 part changed:')).toBeTruthy();

    cleanup();
    const { id: fume } = await appointFume(ui);
    renderApp(ui.api, `/challenges/${fume}/pledge/new`, 'en');
    expect(await screen.findByRole('heading', { name: 'Draft a pledge' }, WAIT)).toBeTruthy();
    expect((screen.getByLabelText('Text of the pledge') as HTMLTextAreaElement).value).toMatch(/^Pledge\n\nI, 谭国华 \(/);
    setValue(screen.getByLabelText('Title'), '');
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(screen.getByText('1 field needs attention (marked in red).')).toBeTruthy();
  });
});

describe('the 军令状 helpers', () => {
  it('diffs Chinese by character with numbers whole, other text by word, lists item by item', () => {
    expect(textSegments('2027年3月10日前完成', '2027年3月20日前完成')).toEqual([
      { kind: 'same', text: '2027年3月' }, { kind: 'del', text: '10' }, { kind: 'ins', text: '20' }, { kind: 'same', text: '日前完成' },
    ]);
    expect(textSegments('due in March', 'due in May').filter((s) => s.kind !== 'same')).toEqual([{ kind: 'del', text: 'March' }, { kind: 'ins', text: 'May' }]);
    expect(textSegments('', '新增')).toEqual([{ kind: 'ins', text: '新增' }]);
    const items = listChanges(['奖励80万元', '申报省级科技奖励'], ['奖励90万元', '申报省级科技奖励', '评为先进集体']);
    expect(items.map((i) => i.kind)).toEqual(['changed', 'same', 'added']);
    // an item replaced by something unlike it reads as removed + added
    expect(listChanges(['甲乙丙丁'], ['完全不同的内容']).map((i) => i.kind)).toEqual(['removed', 'added']);
  });

  it('keeps saved milestones in their places and adds the rest', () => {
    const saved = new Map([
      ['m1', { title: 'A', dueDate: '2027-01-01', deliverable: '', evidenceRequired: '' }],
      ['m2', { title: 'B', dueDate: '2027-02-01', deliverable: '', evidenceRequired: '' }],
    ]);
    const row = (key: string, id: string | null, title: string, dueDate: string) => ({ key, id, title, dueDate, deliverable: '', evidenceRequired: '' });
    // B moved first, A removed, C added: place 1 takes B, place 2 takes C, nothing is added
    expect(milestoneWrites([row('b', 'm2', 'B', '2027-02-01'), row('c', null, 'C', '2027-03-01')], ['m1', 'm2'], saved)).toEqual({
      updates: [
        { id: 'm1', title: 'B', dueDate: '2027-02-01', deliverable: '', evidenceRequired: '' },
        { id: 'm2', title: 'C', dueDate: '2027-03-01', deliverable: '', evidenceRequired: '' },
      ],
      adds: [],
    });
    // unchanged places are not written again
    const same = milestoneWrites([row('a', 'm1', 'A', '2027-01-01'), row('b', 'm2', 'B', '2027-02-01'), row('n', null, 'N', '2027-04-01')], ['m1', 'm2'], saved);
    expect(same.updates).toEqual([]);
    expect(same.adds).toEqual([{ key: 'n', content: { title: 'N', dueDate: '2027-04-01', deliverable: '', evidenceRequired: '' } }]);
  });

  it('numbers clauses in Chinese and shortens hashes', () => {
    expect([1, 6, 10, 12, 20, 21, 99].map(chineseNumeral)).toEqual(['一', '六', '十', '十二', '二十', '二十一', '九十九']);
    expect(shortHash('a'.repeat(60) + 'b1c2')).toBe('aaaaaaaa…b1c2');
  });
});
