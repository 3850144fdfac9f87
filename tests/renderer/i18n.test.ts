import { describe, expect, it } from 'vitest';
import { catalogue, createI18n, DEFAULT_LANGUAGE, LANGUAGES } from '../../renderer/src/i18n';
import { CHALLENGE_STATUSES, CLAIM_STATUSES, MILESTONE_STATUSES, PLEDGE_STATUSES } from '../../main/domain/machines';
import { CATEGORIES, GRADES, PARTY_ROLES, PLEDGE_OUTCOMES, ROLES, TEAM_MODES } from '../../main/domain/vocabulary';

/** Every key path of a nested catalogue, with i18next's plural suffixes folded onto their base key. */
function keysOf(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  );
}

describe('the language catalogue', () => {
  const all = catalogue();

  it('has Chinese first and English, with the same namespaces', () => {
    expect(DEFAULT_LANGUAGE).toBe('zh-CN');
    expect(Object.keys(all).sort()).toEqual([...LANGUAGES].sort());
    expect(Object.keys(all.en ?? {}).sort()).toEqual(Object.keys(all['zh-CN'] ?? {}).sort());
  });

  it('has the same keys in both languages, and no empty text', () => {
    for (const ns of Object.keys(all['zh-CN'] ?? {})) {
      const zh = [...new Set(keysOf(all['zh-CN']?.[ns] ?? {}))].sort();
      const en = [...new Set(keysOf(all.en?.[ns] ?? {}))].sort();
      expect(en, `namespace ${ns}`).toEqual(zh);
      for (const lang of LANGUAGES) {
        const flat = JSON.stringify(all[lang]?.[ns]);
        expect(flat, `${lang}/${ns} has an empty string`).not.toMatch(/:""/);
      }
    }
  });

  it('names every status and code of the domain in both languages', () => {
    const domain: [string, readonly string[]][] = [
      ['challengeStatus', CHALLENGE_STATUSES], ['claimStatus', CLAIM_STATUSES], ['pledgeStatus', PLEDGE_STATUSES],
      ['milestoneStatus', MILESTONE_STATUSES], ['category', CATEGORIES], ['teamMode', TEAM_MODES], ['role', ROLES],
      ['partyRole', PARTY_ROLES], ['grade', GRADES], ['pledgeOutcome', PLEDGE_OUTCOMES],
    ];
    for (const lang of LANGUAGES) {
      const i18n = createI18n(lang);
      for (const [group, codes] of domain) {
        for (const code of codes) {
          const key = `domain:${group}.${code}`;
          expect(i18n.exists(key), `${lang} ${key}`).toBe(true);
        }
      }
    }
  });

  it('answers in the chosen language and formats with it', () => {
    expect(createI18n('zh-CN').t('domain:challengeStatus.in_progress')).toBe('攻关中');
    expect(createI18n('en').t('domain:challengeStatus.in_progress')).toBe('In progress');
  });
});
