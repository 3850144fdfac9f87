import { z } from 'zod';
import org from '../../resources/demo/org.json' with { type: 'json' };
import boards from '../../resources/demo/boards.json' with { type: 'json' };
import glp from '../../resources/demo/case-glp.json' with { type: 'json' };
import pipe from '../../resources/demo/case-pipe.json' with { type: 'json' };
import vr from '../../resources/demo/case-vr.json' with { type: 'json' };
import dam from '../../resources/demo/case-dam.json' with { type: 'json' };
import more from '../../resources/demo/more-challenges.json' with { type: 'json' };

/**
 * The demo data set (resources/demo/*.json, see its README): a history of contract calls, each
 * made by a named person on a day relative to today. Imported, not read from disk, so the
 * bundled app carries it.
 */
const stepSchema = z.object({
  /** days relative to today (-1 = yesterday) or relative to National Day (`nd+3`) */
  day: z.union([z.number().int(), z.string()]),
  /** Beijing local time, when it matters (a night shift); otherwise the day's next free slot */
  time: z.string().regex(/^\d{2}:\d{2}$/).optional(),
  /** the ref of the acting person; null only for setup.initialize */
  as: z.string().nullable(),
  call: z.string(),
  input: z.record(z.string(), z.unknown()).default({}),
  /** a name for the id of what the call created */
  ref: z.string().optional(),
  /** names for other ids in the answer, by path (`milestones.0.id`) */
  refs: z.record(z.string(), z.string()).optional(),
  /** only when the National Day holiday lies in the past or still ahead of the story */
  when: z.enum(['national-day-past', 'national-day-ahead']).optional(),
});
export type DemoStep = z.infer<typeof stepSchema>;

const fileSchema = z.object({
  name: z.string(),
  description: z.string().default(''),
  /** the ref of the challenge that is one of the founding article's four cases */
  foundingCase: z.string().optional(),
  steps: z.array(stepSchema),
});
export type DemoFile = z.infer<typeof fileSchema>;

/** In history order of first appearance: the org and boards come first. */
export const DEMO_FILES: readonly DemoFile[] = [org, boards, glp, pipe, vr, dam, more].map((f) => fileSchema.parse(f));

/** The titles of the founding article's four cases, as the demo creates them. */
export function foundingCaseTitles(): string[] {
  return DEMO_FILES.flatMap((file) => {
    if (!file.foundingCase) return [];
    const create = file.steps.find((s) => s.call === 'challenges.create' && s.ref === file.foundingCase);
    const title = create?.input.title;
    if (typeof title !== 'string') throw new Error(`demo: ${file.name} has no challenges.create for ${file.foundingCase}`);
    return [title];
  });
}
