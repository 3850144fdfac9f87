import { create } from 'zustand';
import type { JiebangApi } from '../../../main/contract/index';
import type { Output } from '../../../main/contract/index';
import { unwrap } from './api';

export type Session = Output<'session.get'>;
export type PersonRow = Output<'people.list'>[number];

interface SessionState {
  session: Session | null;
  people: PersonRow[];
  error: unknown;
  load(api: JiebangApi): Promise<void>;
  switchPerson(api: JiebangApi, personId: string): Promise<void>;
}

/** Who is using this device (the demo lets anyone act; enrolment fixes the person later). */
export const useSession = create<SessionState>()((set) => ({
  session: null,
  people: [],
  error: null,
  async load(api) {
    try {
      const [session, people] = await Promise.all([unwrap(api.session.get({})), unwrap(api.people.list({}))]);
      set({ session, people, error: null });
    } catch (error) {
      set({ error });
    }
  },
  async switchPerson(api, personId) {
    const session = await unwrap(api.session.switchPerson({ personId }));
    set({ session });
  },
}));

/** True when the current person holds an HQ role (publishes, appoints, accepts, assesses). */
export function isHq(session: Session | null): boolean {
  return !!session?.person?.roles.some((r) => r === 'hq_admin' || r === 'hq_officer');
}
