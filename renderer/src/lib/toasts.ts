import { create } from 'zustand';

export type ToastTone = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
  /** an undo or retry offered with the message */
  action?: { label: string; run: () => void };
}

interface ToastState {
  toasts: Toast[];
  show(tone: ToastTone, text: string, action?: Toast['action']): number;
  dismiss(id: number): void;
}

let nextId = 1;
const LIFETIME_MS = { success: 4000, info: 6000, error: 12000 } as const;

/** Short messages after an action: what happened, or the service's reason it was refused. */
export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show(tone, text, action) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { id, tone, text, action }] }));
    setTimeout(() => get().dismiss(id), LIFETIME_MS[tone]);
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
}));
