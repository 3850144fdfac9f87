// @vitest-environment jsdom
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ComponentType } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { Toasts } from '../../renderer/src/components/Toasts';
import { AcceptancePanel } from '../../renderer/src/features/challenge/work/AcceptancePanel';
import { AssessmentPanel } from '../../renderer/src/features/challenge/work/AssessmentPanel';
import { CasePanel } from '../../renderer/src/features/challenge/work/CasePanel';
import { MilestonesPanel } from '../../renderer/src/features/challenge/work/MilestonesPanel';
import { ProgressPanel } from '../../renderer/src/features/challenge/work/ProgressPanel';
import { parseCriteria, parseTags, suggestedGrade } from '../../renderer/src/features/challenge/work/shared';
import type { ChallengeDetail, PanelProps } from '../../renderer/src/features/challenge/types';
import { createI18n } from '../../renderer/src/i18n';
import type { Language } from '../../renderer/src/i18n';
import { ApiContext, unwrap } from '../../renderer/src/lib/api';
import { useSession } from '../../renderer/src/lib/session';
import { NEW_ENTRY_EVENT } from '../../renderer/src/lib/shortcuts';
import { useResource } from '../../renderer/src/lib/use-resource';
import { openUiStore, renderApp } from '../support/ui';
import type { UiStore } from '../support/ui';

// two cores shared by many runs: give the views time to answer before calling it a failure
configure({ asyncUtilTimeout: 8000 });

type Panel = ComponentType<PanelProps>;
const ALL: Panel[] = [MilestonesPanel, ProgressPanel, AcceptancePanel, AssessmentPanel, CasePanel];

/** The panels as the challenge page shows them: the detail loaded through the contract, reloaded on every write. */
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

function renderPanels(ui: UiStore, id: string, panels: Panel[] = ALL, language: Language = 'zh-CN') {
  const i18n = createI18n(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <ApiContext.Provider value={ui.api}>
        <Harness id={id} panels={panels} />
        <Toasts />
      </ApiContext.Provider>
    </I18nextProvider>,
  );
}

async function challengeByCode(ui: UiStore, code: string): Promise<string> {
  const cards = await ui.call<{ id: string; code: string }[]>('challenges.byStatus', {});
  const card = cards.find((c) => c.code === code);
  if (!card) throw new Error(`no challenge ${code}`);
  return card.id;
}

async function personNamed(ui: UiStore, name: string): Promise<string> {
  const people = await ui.call<{ id: string; name: string }[]>('people.list', {});
  const person = people.find((p) => p.name === name);
  if (!person) throw new Error(`no person ${name}`);
  return person.id;
}

const detailOf = (ui: UiStore, id: string) => ui.call<ChallengeDetail>('challenges.get', { id });

/** The acting person, as the shell's switcher does it (service session and the renderer's store). */
async function actAs(ui: UiStore, name: string) {
  const id = await personNamed(ui, name);
  await act(() => useSession.getState().switchPerson(ui.api, id));
  await act(() => useSession.getState().load(ui.api));
}

/** What the shell does on the 'n' key, once the panel's effects (its listener) have run. */
async function pressN() {
  await act(async () => {});
  act(() => {
    window.dispatchEvent(new Event(NEW_ENTRY_EVENT));
  });
}

/** The reason the service gives for a refused call, in the language asked. */
async function refusal(call: Promise<{ ok: boolean; error?: { message: string; messageEn: string } }>, language: Language = 'zh-CN') {
  const result = await call;
  if (result.ok || !result.error) throw new Error('expected a refusal');
  return language === 'en' ? result.error.messageEn : result.error.message;
}

function section(name: string | RegExp): HTMLElement {
  return screen.getByRole('heading', { level: 2, name }).closest('section') as HTMLElement;
}

function milestoneRow(title: string): HTMLElement {
  return screen.getByRole('group', { name: `节点「${title}」的操作` }).closest('tr') as HTMLElement;
}

describe('helpers', () => {
  it('splits acceptance criteria, tags and suggests grades', () => {
    expect(parseCriteria('1. 整灯通过IP66检测；\n2. 功耗降低20%以上；\n（3）国产化率不低于95%。')).toEqual([
      '整灯通过IP66检测', '功耗降低20%以上', '国产化率不低于95%',
    ]);
    expect(parseCriteria('焊接工艺评定通过；焊缝性能提升15%以上；')).toEqual(['焊接工艺评定通过', '焊缝性能提升15%以上']);
    expect(parseCriteria('  \n ')).toEqual([]);
    expect(parseTags('国产替代, 深海、 焊管，深海')).toEqual(['国产替代', '深海', '焊管']);
    expect([95, 85, 60, 59.5].map(suggestedGrade)).toEqual(['excellent', 'good', 'pass', 'fail']);
  });
});

describe('the work and closing panels on the demo data', () => {
  it('shows the dam’s milestones with lights, overdue marks and the moves each status allows', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'KJ2026-04');
    const detail = await detailOf(ui, id);
    renderPanels(ui, id, [MilestonesPanel]);
    const panel = await screen.findByRole('heading', { level: 2, name: '节点' });
    const rows = within(panel.closest('section') as HTMLElement).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(detail.milestones.length);
    const overdue = detail.milestones.filter((m) => m.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    expect(screen.getAllByText('已逾期')).toHaveLength(overdue.length);
    for (const m of overdue) expect(within(milestoneRow(m.title)).getByText('逾期')).toBeTruthy();
    // per status: a reported milestone is verified or sent back, a rejected one restarted or reported
    const reported = detail.milestones.find((m) => m.status === 'reported');
    const rejected = detail.milestones.find((m) => m.status === 'rejected');
    const verified = detail.milestones.find((m) => m.status === 'verified');
    if (!reported || !rejected || !verified) throw new Error('the demo dam has reported, rejected and verified milestones');
    // the row's moves (its evidence strip has its own buttons)
    const moves = (title: string) => within(within(milestoneRow(title)).getByRole('group', { name: `节点「${title}」的操作` })).getAllByRole('button').map((b) => b.textContent);
    expect(moves(reported.title)).toEqual(['核验', '退回']);
    expect(moves(rejected.title)).toEqual(['重新开始', '上报']);
    expect(within(milestoneRow(rejected.title)).getByText(`退回原因：${rejected.rejectReason}`)).toBeTruthy();
    expect(within(milestoneRow(rejected.title)).getByText('被退回')).toBeTruthy();
    // a verified milestone offers nothing
    expect(screen.queryByRole('group', { name: `节点「${verified.title}」的操作` })).toBeNull();
  });

  it('marks a draft pledge’s milestones as such and offers no moves on them', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'JC2026-04');
    renderPanels(ui, id, [MilestonesPanel]);
    expect(await screen.findByText('草案：签署生效前，这些节点只是计划，不能推进。')).toBeTruthy();
    const panel = section('节点');
    expect(within(panel).getAllByText('草案').length).toBeGreaterThan(0);
    expect(within(panel).queryAllByRole('button')).toHaveLength(0);
    expect(within(panel).getByText('部分签署')).toBeTruthy();
  });

  it('shows the progress log with authors, percents, problems and safety notes', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'KJ2026-04');
    const detail = await detailOf(ui, id);
    renderPanels(ui, id, [ProgressPanel]);
    await screen.findByRole('heading', { level: 2, name: '攻关日志' });
    // a page of 20 at a time, newest first
    expect(detail.progress.length).toBeGreaterThan(20);
    const entries = within(section('攻关日志')).getAllByRole('article');
    expect(entries).toHaveLength(20);
    const withSafety = detail.progress.find((p) => p.safetyNotes);
    if (!withSafety) throw new Error('the dam log has safety notes');
    expect(screen.getAllByText(withSafety.safetyNotes).length).toBeGreaterThan(0);
    const first = detail.progress[0] as ChallengeDetail['progress'][number];
    expect(within(entries[0] as HTMLElement).getByText(first.workDone)).toBeTruthy();
    expect(within(entries[0] as HTMLElement).getByText(detail.people[first.authorId] as string)).toBeTruthy();
    expect(within(entries[0] as HTMLElement).getByRole('progressbar').getAttribute('aria-valuenow')).toBe(String(first.percent));
    expect(within(entries[0] as HTMLElement).getByText(`${first.percent}%`)).toBeTruthy();
    // the rest are already loaded: they show at once, and then there is nothing more
    fireEvent.click(screen.getByRole('button', { name: '加载更早的日志' }));
    expect(within(section('攻关日志')).getAllByRole('article')).toHaveLength(detail.progress.length);
    expect(screen.getByText(`显示最近 ${detail.progress.length} 条`)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '加载更早的日志' })).toBeNull();
  });

  it('shows acceptances with criteria results, the assessment and the case of a finished challenge', async () => {
    const ui = await openUiStore();
    const vr = await challengeByCode(ui, 'KJ2026-03');
    const view = renderPanels(ui, vr, [AcceptancePanel]);
    await screen.findByRole('heading', { level: 2, name: '验收' });
    const records = within(section('验收')).getAllByRole('article');
    expect(records).toHaveLength(2);
    // newest first: the open re-request, then the rework decision with its criteria
    expect(within(records[0] as HTMLElement).getByText('待决定')).toBeTruthy();
    expect(within(records[1] as HTMLElement).getByText('整改')).toBeTruthy();
    expect(within(records[1] as HTMLElement).getAllByText('未达标')).toHaveLength(2);
    expect(within(records[1] as HTMLElement).getByText('评分4.6分，但样本仅126人次')).toBeTruthy();
    // the HQ officer on this device sees the decision form (once the session is read)
    expect(await screen.findByRole('form', { name: '验收决定' })).toBeTruthy();
    view.unmount();

    const glp = await challengeByCode(ui, 'KJ2026-01');
    renderPanels(ui, glp, [AssessmentPanel, CasePanel]);
    await screen.findByRole('heading', { level: 2, name: '考核评价' });
    const assessment = section('考核评价');
    expect(within(assessment).getByText('96 分')).toBeTruthy();
    expect(within(assessment).getByText('优秀')).toBeTruthy();
    expect(within(assessment).getByText('达成')).toBeTruthy();
    expect(within(assessment).getByText(/^梁志远 于 .* 考核$/)).toBeTruthy();
    expect(within(assessment).getByText(/兑现揭榜奖励30万元/)).toBeTruthy();
    const kase = section('典型案例');
    expect(within(kase).getByRole('heading', { name: '“光之踪迹”党员突击队攻坚GLP LED舞台电脑切割灯' })).toBeTruthy();
    expect(within(kase).getByText('国产替代')).toBeTruthy();
    // promoted by 何敏, a name the detail does not carry: it comes from the people list
    expect(await within(kase).findByText(/^何敏 于 .* 评为典型案例$/)).toBeTruthy();
    expect(within(kase).queryByRole('button', { name: '评为典型案例' })).toBeNull();
  });

  it('says what to do when there is nothing yet', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'JC2026-03'); // published, no taker yet
    renderPanels(ui, id);
    expect(await screen.findByText('还没有节点')).toBeTruthy();
    expect(screen.getByText('还没有攻关日志')).toBeTruthy();
    expect(screen.getByText('榜题当前状态为「待揭榜」，不能填写攻关日志。')).toBeTruthy();
    expect(screen.getByText('还没有验收申请')).toBeTruthy();
    expect(screen.getByText('还没有考核')).toBeTruthy();
    expect(screen.getByText('尚未评为典型案例')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /写攻关日志/ })).toBeNull();
    expect(screen.queryByRole('button', { name: '申请验收' })).toBeNull();
  });
});

describe('milestones', () => {
  it('the site lead reports a milestone, HQ verifies it', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'KJ2026-04');
    const target = (await detailOf(ui, id)).milestones.find((m) => m.status === 'in_progress' && m.pledgeStatus === 'active');
    if (!target) throw new Error('the dam has a milestone in progress');
    await actAs(ui, '杜河清');
    renderPanels(ui, id, [MilestonesPanel]);
    await screen.findByRole('heading', { level: 2, name: '节点' });

    fireEvent.click(within(milestoneRow(target.title)).getByRole('button', { name: '上报' }));
    const dialog = screen.getByRole('dialog', { name: `上报节点「${target.title}」` });
    // the note is required
    fireEvent.click(within(dialog).getByRole('button', { name: '上报' }));
    expect(within(dialog).getByText('此项必填')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('完成情况与佐证材料说明'), { target: { value: '测点全部安装，调试记录已上传。' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '上报' }));
    expect(await screen.findByText('节点已上报，等待核验')).toBeTruthy();
    await waitFor(() => expect(within(milestoneRow(target.title)).getByText('已上报')).toBeTruthy());
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(milestoneRow(target.title)).getByText(/上报说明：测点全部安装，调试记录已上传。/)).toBeTruthy();

    await actAs(ui, '梁志远');
    fireEvent.click(within(milestoneRow(target.title)).getByRole('button', { name: '核验' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '核验通过' }));
    expect(await screen.findByText('节点已核验')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('group', { name: `节点「${target.title}」的操作` })).toBeNull());
    const after = (await detailOf(ui, id)).milestones.find((m) => m.id === target.id);
    expect(after).toMatchObject({ status: 'verified', reportNote: '测点全部安装，调试记录已上传。', light: 'done' });
    const row = document.querySelector(`[data-milestone="${target.id}"]`) as HTMLElement;
    expect(within(row).getByText(/^核验：梁志远，/)).toBeTruthy();
    expect(within(row).getByText('已核验')).toBeTruthy();
  });

  it('HQ sends a reported milestone back with a reason, and the team starts it again', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'KJ2026-04');
    const target = (await detailOf(ui, id)).milestones.find((m) => m.status === 'reported');
    if (!target) throw new Error('the dam has a reported milestone');
    renderPanels(ui, id, [MilestonesPanel]);
    await screen.findByRole('heading', { level: 2, name: '节点' });
    fireEvent.click(within(milestoneRow(target.title)).getByRole('button', { name: '退回' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('退回原因（上报人将看到）'), { target: { value: '缺少第三方检测报告' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '退回' }));
    expect(await screen.findByText('节点已退回')).toBeTruthy();
    await waitFor(() => expect(within(milestoneRow(target.title)).getByText('退回原因：缺少第三方检测报告')).toBeTruthy());
    fireEvent.click(within(milestoneRow(target.title)).getByRole('button', { name: '重新开始' }));
    expect(await screen.findByText('节点已开始')).toBeTruthy();
    await waitFor(() => expect(within(milestoneRow(target.title)).getByText('进行中')).toBeTruthy());
  });

  it('a refused verification shows the service’s reason and changes nothing', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'KJ2026-04');
    const target = (await detailOf(ui, id)).milestones.find((m) => m.status === 'reported');
    if (!target) throw new Error('the dam has a reported milestone');
    await actAs(ui, '李广'); // a member at the dam: may report, may not verify
    renderPanels(ui, id, [MilestonesPanel]);
    await screen.findByRole('heading', { level: 2, name: '节点' });
    fireEvent.click(within(milestoneRow(target.title)).getByRole('button', { name: '核验' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '核验通过' }));
    const reason = await refusal(ui.api.milestones.verify({ id: target.id }));
    expect(reason).toMatch(/李广/);
    expect((await screen.findByRole('alert')).textContent).toContain(reason);
    // the dialog stays for another try or a cancel; the milestone is untouched
    expect(screen.getByRole('dialog')).toBeTruthy();
    const after = (await detailOf(ui, id)).milestones.find((m) => m.id === target.id);
    expect(after?.status).toBe('reported');
    expect(within(milestoneRow(target.title)).getByText('已上报')).toBeTruthy();
  });
});

describe('the progress log', () => {
  it('the n shortcut opens and focuses the form; it checks the fields, saves offline and shows the entry at once', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'KJ2026-04');
    const before = (await detailOf(ui, id)).progress.length;
    await actAs(ui, '次仁多吉'); // a member at the dam, with no link to HQ
    renderPanels(ui, id, [ProgressPanel]);
    await screen.findByRole('heading', { level: 2, name: '攻关日志' });
    expect(screen.queryByRole('form', { name: '新的攻关日志' })).toBeNull();

    await pressN();
    const form = await screen.findByRole('form', { name: '新的攻关日志' });
    const workDone = within(form).getByLabelText('完成的工作');
    await waitFor(() => expect(document.activeElement).toBe(workDone));
    expect(within(form).getByText('离线也能填写：日志先保存在本机，联网后自动同步到总部。')).toBeTruthy();
    expect((within(form).getByLabelText('日期') as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // nothing typed: the errors show inline and nothing is written
    fireEvent.change(within(form).getByLabelText('总体进度（%）'), { target: { value: '150' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存日志' }));
    expect(within(form).getByText('请填写完成的工作')).toBeTruthy();
    expect(within(form).getByText('进度须为 0 到 100 之间的整数')).toBeTruthy();
    expect(workDone.getAttribute('aria-invalid')).toBe('true');
    expect((await detailOf(ui, id)).progress).toHaveLength(before);

    fireEvent.change(within(form).getByLabelText('日期'), { target: { value: '2026-11-24' } });
    fireEvent.change(workDone, { target: { value: '右岸坝肩GNSS基站恢复供电，数据回传正常。' } });
    fireEvent.change(within(form).getByLabelText('总体进度（%）'), { target: { value: '72' } });
    fireEvent.change(within(form).getByLabelText(/存在的问题/), { target: { value: '夜间低温导致蓄电池衰减。' } });
    fireEvent.change(within(form).getByLabelText(/安全情况/), { target: { value: '高处作业双绳保护，无异常。' } });
    fireEvent.keyDown(workDone, { key: 'Enter', ctrlKey: true });

    expect(await screen.findByText('攻关日志已保存在本机，将随下次同步上传总部')).toBeTruthy();
    const entry = (await screen.findByText('右岸坝肩GNSS基站恢复供电，数据回传正常。')).closest('article') as HTMLElement;
    expect(entry.getAttribute('aria-label')).toMatch(/次仁多吉 的攻关日志$/);
    expect(within(entry).getByText('高处作业双绳保护，无异常。')).toBeTruthy();
    expect(within(entry).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('72');
    expect(screen.queryByRole('form', { name: '新的攻关日志' })).toBeNull();

    const saved = (await detailOf(ui, id)).progress;
    expect(saved).toHaveLength(before + 1);
    const written = saved.find((p) => p.workDone.startsWith('右岸坝肩'));
    expect(written).toMatchObject({
      percent: 72, date: '2026-11-24', problems: '夜间低温导致蓄电池衰减。', nextSteps: '', safetyNotes: '高处作业双绳保护，无异常。',
    });
    // a local write: it waits in the op log, unacknowledged, to go to HQ with the next sync
    const pending = ui.store.db
      .prepare("SELECT count(*) FROM sync_ops WHERE entity = 'progress' AND row_id = ? AND acked = 0")
      .pluck()
      .get(written?.id) as number;
    expect(pending).toBeGreaterThan(0);
  });

  it('loads earlier entries past the first page', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'KJ2026-04');
    const before = (await detailOf(ui, id)).progress.length;
    const extra = 60 - before;
    for (let i = 0; i < extra; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      await ui.call('progress.add', { challengeId: id, date: `2026-03-${day}`, workDone: `补录日志 ${i + 1}`, percent: 10 });
    }
    renderPanels(ui, id, [ProgressPanel]);
    await screen.findByRole('heading', { level: 2, name: '攻关日志' });
    expect(within(section('攻关日志')).getAllByRole('article')).toHaveLength(20);
    fireEvent.click(screen.getByRole('button', { name: '加载更早的日志' }));
    expect(within(section('攻关日志')).getAllByRole('article')).toHaveLength(40);
    // past the 50 the challenge detail carries: progress.list brings the older ones
    fireEvent.click(screen.getByRole('button', { name: '加载更早的日志' }));
    await waitFor(() => expect(within(section('攻关日志')).getAllByRole('article')).toHaveLength(60));
    expect(screen.getByText('显示最近 60 条')).toBeTruthy();
    const all = await ui.call<{ workDone: string }[]>('progress.list', { challengeId: id, limit: 500 });
    expect(screen.getAllByText((all.at(-1) as { workDone: string }).workDone).length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: '加载更早的日志' })).toBeNull();
  });

  it('a refused entry shows the service’s reason and keeps what was typed; a closed challenge takes none', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'KJ2026-04');
    const before = (await detailOf(ui, id)).progress.length;
    await actAs(ui, '刘思远'); // a member at another site
    const view = renderPanels(ui, id, [ProgressPanel]);
    fireEvent.click(await screen.findByRole('button', { name: /写攻关日志/ }));
    const form = screen.getByRole('form', { name: '新的攻关日志' });
    fireEvent.change(within(form).getByLabelText('完成的工作'), { target: { value: '代填日志' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存日志' }));
    const reason = await refusal(ui.api.progress.add({ challengeId: id, date: '2026-11-24', workDone: '代填日志', percent: 0 }));
    expect(reason).toMatch(/只能对本单位的榜题/);
    expect((await screen.findByRole('alert')).textContent).toContain(reason);
    expect((within(form).getByLabelText('完成的工作') as HTMLTextAreaElement).value).toBe('代填日志');
    expect((await detailOf(ui, id)).progress).toHaveLength(before);
    view.unmount();

    await actAs(ui, '梁志远');
    const glp = await challengeByCode(ui, 'KJ2026-01');
    renderPanels(ui, glp, [ProgressPanel]);
    expect(await screen.findByText('榜题当前状态为「已考核」，不能填写攻关日志。')).toBeTruthy();
    await pressN();
    expect(await screen.findByText('榜题当前状态为「已考核」，不能填写攻关日志')).toBeTruthy();
    expect(screen.queryByRole('form', { name: '新的攻关日志' })).toBeNull();
  });
});

describe('closing a challenge', () => {
  it('request acceptance → decide → assess → promote to a case', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'KJ2026-02-2'); // 焊接子榜, in progress
    const open = (await detailOf(ui, id)).milestones.filter((m) => m.pledgeStatus === 'active' && m.status !== 'reported' && m.status !== 'verified');
    for (const m of open) await ui.call('milestones.report', { id: m.id, note: '按期完成。' });

    await actAs(ui, '梁永盛'); // the 子榜's site lead
    renderPanels(ui, id);
    fireEvent.click(await screen.findByRole('button', { name: '申请验收' }));
    const dialog = screen.getByRole('dialog', { name: '申请验收' });
    fireEvent.change(within(dialog).getByLabelText(/验收申请说明/), { target: { value: '工艺评定通过，焊缝性能超国际标准15%。' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('验收申请已提交，等待总部验收')).toBeTruthy();
    expect(await screen.findByText('验收申请待总部决定。')).toBeTruthy();
    expect(screen.queryByRole('form', { name: '验收决定' })).toBeNull();
    expect(screen.getByText('工艺评定通过，焊缝性能超国际标准15%。')).toBeTruthy();

    await actAs(ui, '梁志远');
    const form = await screen.findByRole('form', { name: '验收决定' });
    // the challenge's three criteria, to judge one by one
    expect((within(form).getByLabelText('验收标准 1') as HTMLInputElement).value).toBe('焊接工艺评定通过');
    expect(within(form).getByLabelText('验收标准 3')).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: '提交验收决定' }));
    expect(within(form).getByText('请选择验收结论')).toBeTruthy();
    expect(within(form).getAllByText('请判定这一项是否达标')).toHaveLength(3);
    expect((await detailOf(ui, id)).challenge.status).toBe('acceptance_requested');

    fireEvent.click(within(form).getByLabelText('通过'));
    for (const n of [1, 2, 3]) fireEvent.change(within(form).getByLabelText(`第 ${n} 项结果`), { target: { value: 'yes' } });
    fireEvent.change(within(form).getByLabelText('第 2 项说明'), { target: { value: '提升16.2%' } });
    fireEvent.click(within(form).getByRole('button', { name: '删除第 3 项' }));
    fireEvent.click(within(form).getByRole('button', { name: '添加验收标准' }));
    fireEvent.change(within(form).getByLabelText('验收标准 3'), { target: { value: '作业指导书发布' } });
    fireEvent.change(within(form).getByLabelText('第 3 项结果'), { target: { value: 'yes' } });
    fireEvent.change(within(form).getByLabelText('验收意见'), { target: { value: '指标全部达成，同意通过。' } });
    fireEvent.click(within(form).getByRole('button', { name: '提交验收决定' }));
    expect(await screen.findByText('验收决定已提交')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('form', { name: '验收决定' })).toBeNull());
    const decided = await detailOf(ui, id);
    expect(decided.challenge.status).toBe('accepted');
    expect(decided.acceptances.at(-1)).toMatchObject({
      decision: 'passed',
      decisionNote: '指标全部达成，同意通过。',
      criteriaResults: [
        { criterion: '焊接工艺评定通过', met: true, note: '' },
        { criterion: '焊缝性能较国际标准提升15%以上', met: true, note: '提升16.2%' },
        { criterion: '作业指导书发布', met: true, note: '' },
      ],
    });

    const assess = await screen.findByRole('form', { name: '考核' });
    fireEvent.click(within(assess).getByRole('button', { name: '提交考核' }));
    expect(within(assess).getByText('得分须为 0 到 100 之间的数')).toBeTruthy();
    fireEvent.change(within(assess).getByLabelText('得分（0–100）'), { target: { value: '92' } });
    expect((within(assess).getByLabelText('等级') as HTMLSelectElement).value).toBe('excellent');
    expect((within(assess).getByLabelText('军令状结果') as HTMLSelectElement).value).toBe('fulfilled');
    fireEvent.change(within(assess).getByLabelText('兑现的奖励'), { target: { value: '兑现揭榜奖励15万元。' } });
    fireEvent.change(within(assess).getByLabelText('考核意见'), { target: { value: '焊缝性能超标准，评价优秀。' } });
    fireEvent.click(within(assess).getByRole('button', { name: '提交考核' }));
    expect(await screen.findByText('考核已提交，军令状已按结果结算')).toBeTruthy();
    await waitFor(() => expect(within(section('考核评价')).getByText('92 分')).toBeTruthy());
    const assessed = await detailOf(ui, id);
    expect(assessed.challenge.status).toBe('assessed');
    expect(assessed.assessments[0]).toMatchObject({ score: 92, grade: 'excellent', pledgeOutcome: 'fulfilled', rewardsApplied: '兑现揭榜奖励15万元。' });
    expect(assessed.pledges.find((p) => p.status === 'fulfilled')).toBeTruthy();

    fireEvent.click(await screen.findByRole('button', { name: '评为典型案例' }));
    const promote = screen.getByRole('form', { name: '评为典型案例' });
    expect((within(promote).getByLabelText('案例标题') as HTMLInputElement).value).toBe(assessed.challenge.title);
    fireEvent.change(within(promote).getByLabelText('做法：怎样揭榜挂帅、怎样攻关'), { target: { value: '' } });
    fireEvent.click(within(promote).getByRole('button', { name: '评为典型案例' }));
    expect(within(promote).getByText('此项必填')).toBeTruthy();
    fireEvent.change(within(promote).getByLabelText('做法：怎样揭榜挂帅、怎样攻关'), { target: { value: '多丝埋弧焊工艺窗口试验，党员突击队三班倒攻关。' } });
    fireEvent.change(within(promote).getByLabelText('标签'), { target: { value: '焊接, 深海、珠江钢管' } });
    fireEvent.click(within(promote).getByRole('button', { name: '评为典型案例' }));
    expect(await screen.findByText('已评为典型案例')).toBeTruthy();
    const kase = section('典型案例');
    await waitFor(() => expect(within(kase).getByText('珠江钢管')).toBeTruthy());
    expect(within(kase).getByText('多丝埋弧焊工艺窗口试验，党员突击队三班倒攻关。')).toBeTruthy();
    expect((await detailOf(ui, id)).case).toMatchObject({ tags: ['焊接', '深海', '珠江钢管'], promotedBy: await personNamed(ui, '梁志远') });
  });

  it('explains the 子榜 rule when the service refuses to pass a parent, and changes nothing', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'KJ2026-02'); // the pipe: 焊接子榜 still in progress
    for (const m of (await detailOf(ui, id)).milestones) {
      if (m.pledgeStatus === 'active' && m.status !== 'reported' && m.status !== 'verified') await ui.call('milestones.report', { id: m.id, note: '完成。' });
    }
    await ui.call('acceptance.request', { challengeId: id, requestNote: '三个子榜成果汇总，申请验收。' });
    renderPanels(ui, id, [AcceptancePanel]);
    const form = await screen.findByRole('form', { name: '验收决定' });
    expect(screen.getByRole('heading', { name: '子榜' })).toBeTruthy();
    fireEvent.click(within(form).getByLabelText('通过'));
    for (const select of within(form).getAllByLabelText(/^第 \d+ 项结果$/)) fireEvent.change(select, { target: { value: 'yes' } });
    fireEvent.click(within(form).getByRole('button', { name: '提交验收决定' }));
    const reason = await refusal(ui.api.acceptance.decide({ challengeId: id, decision: 'passed' }));
    expect(reason).toMatch(/^子榜尚未通过验收：/);
    const inline = await within(form).findByText(`验收决定未能提交：${reason}`);
    expect(inline.closest('[role="alert"]')?.textContent).toContain('子榜规则：必需的子榜全部通过验收后，本榜题才能通过验收');
    const after = await detailOf(ui, id);
    expect(after.challenge.status).toBe('acceptance_requested');
    expect(after.acceptances.filter((a) => a.decision === null)).toHaveLength(1);
  });

  it('a request with milestones still open, and a fulfilled pledge on a failed challenge, are refused with reasons', async () => {
    const ui = await openUiStore();
    const dam = await challengeByCode(ui, 'KJ2026-04');
    const view = renderPanels(ui, dam, [AcceptancePanel]);
    expect(await screen.findByText(/^还有 \d+ 个节点未上报：/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '申请验收' }));
    fireEvent.change(within(screen.getByRole('dialog')).getByLabelText(/验收申请说明/), { target: { value: '申请验收' } });
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '提交申请' }));
    const reason = await refusal(ui.api.acceptance.request({ challengeId: dam, requestNote: 'x' }));
    expect((await screen.findByRole('alert')).textContent).toContain(reason);
    expect((await detailOf(ui, dam)).acceptances).toHaveLength(0);
    view.unmount();

    const vr = await challengeByCode(ui, 'KJ2026-03');
    await ui.call('acceptance.decide', { challengeId: vr, decision: 'failed', note: '寿命试验数据不可信。' });
    renderPanels(ui, vr, [AssessmentPanel]);
    const assess = await screen.findByRole('form', { name: '考核' });
    expect((within(assess).getByLabelText('军令状结果') as HTMLSelectElement).value).toBe('unfulfilled');
    fireEvent.change(within(assess).getByLabelText('得分（0–100）'), { target: { value: '55' } });
    fireEvent.change(within(assess).getByLabelText('军令状结果'), { target: { value: 'fulfilled' } });
    fireEvent.click(within(assess).getByRole('button', { name: '提交考核' }));
    const assessReason = await refusal(ui.api.assessments.assess({ challengeId: vr, score: 55, grade: 'fail', pledgeOutcome: 'fulfilled' }));
    expect(await screen.findByText(assessReason)).toBeTruthy();
    const after = await detailOf(ui, vr);
    expect(after.challenge.status).toBe('not_accepted');
    expect(after.assessments).toHaveLength(0);
  });
});

describe('on the challenge page', () => {
  it('shows the five panels, and the n key opens the progress form with the cursor in it', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'KJ2026-04');
    renderApp(ui.api, `/challenges/${id}`);
    for (const name of ['节点', '攻关日志', '验收', '考核评价', '典型案例']) {
      expect(await screen.findByRole('heading', { level: 2, name })).toBeTruthy();
    }
    await act(async () => {});
    fireEvent.keyDown(document.body, { key: 'n' });
    const form = await screen.findByRole('form', { name: '新的攻关日志' });
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('完成的工作')));
  });
});

describe('in English', () => {
  it('shows the panels and the service’s reasons in English', async () => {
    const ui = await openUiStore();
    const id = await challengeByCode(ui, 'KJ2026-04');
    const target = (await detailOf(ui, id)).milestones.find((m) => m.status === 'reported');
    if (!target) throw new Error('the dam has a reported milestone');
    await actAs(ui, '李广');
    renderPanels(ui, id, ALL, 'en');
    expect(await screen.findByRole('heading', { level: 2, name: 'Milestones' })).toBeTruthy();
    for (const name of ['Progress log', 'Acceptance', 'Assessment', 'Case study']) expect(screen.getByRole('heading', { level: 2, name })).toBeTruthy();
    expect(screen.getAllByText('Overdue').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /New log entry/ })).toBeTruthy();
    expect(screen.getByText('Not a case study')).toBeTruthy();
    const row = screen.getByRole('group', { name: `Actions for milestone “${target.title}”` });
    fireEvent.click(within(row).getByRole('button', { name: 'Verify' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Verify' }));
    const reason = await refusal(ui.api.milestones.verify({ id: target.id }), 'en');
    expect((await screen.findByRole('alert')).textContent).toContain(reason);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));

    await pressN();
    const form = await screen.findByRole('form', { name: 'New progress entry' });
    fireEvent.click(within(form).getByRole('button', { name: 'Save entry' }));
    expect(within(form).getByText('Describe the work done')).toBeTruthy();
  });
});
