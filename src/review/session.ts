/**
 * One morning review in progress: each section's load state, check mark, notes and the ids seen,
 * and what is new against the previous review. Pure (no `vscode`): unit tested in plain Node.
 */
import { diffSeen } from '../core/morningReview';
import type { MorningReview, ReviewSection } from '../store/reviewHistoryStore';
import { SECTION_IDS, SECTION_TITLES, type SectionData, type SectionId, type SectionState, type SectionView } from './protocol';

/** What a section loader hands back. */
export interface LoadedSection {
  readonly data: SectionData;
  /** Ids of the items shown, for "new since the last review". */
  readonly ids: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
}

interface SectionRecord {
  view: SectionView;
  checked: boolean;
  notes: string;
  /** Every id shown during this review (an item marked read stays seen). */
  seen: Set<string>;
  counts: Record<string, number>;
  loaded: boolean;
  notice: SectionState['notice'];
  /** Bumps on every load so a slow earlier load cannot overwrite a later one. */
  generation: number;
}

/** Checks and notes saved while a review is open, so a reload does not lose them. */
export interface ReviewDraft {
  readonly date: string;
  readonly checked: Partial<Record<SectionId, boolean>>;
  readonly notes: Partial<Record<SectionId, string>>;
}

export class ReviewSession {
  private readonly sections = new Map<SectionId, SectionRecord>();
  finishedAt: number | null = null;

  constructor(readonly previous: MorningReview | null, draft?: ReviewDraft) {
    for (const id of SECTION_IDS) {
      this.sections.set(id, {
        view: { status: 'loading' }, checked: draft?.checked[id] === true, notes: draft?.notes[id] ?? '',
        seen: new Set(), counts: {}, loaded: false, notice: null, generation: 0,
      });
    }
  }

  private get(id: SectionId): SectionRecord {
    return this.sections.get(id)!;
  }

  /** Marks the section loading and returns a token for `ready`/`fail`. */
  startLoad(id: SectionId, keepData = false): number {
    const s = this.get(id);
    if (!keepData || s.view.status !== 'ready') s.view = { status: 'loading' };
    return ++s.generation;
  }

  /** Returns false when a newer load started meanwhile (its result wins). */
  ready(id: SectionId, token: number, loaded: LoadedSection): boolean {
    const s = this.get(id);
    if (token !== s.generation) return false;
    const newIds = this.previous === null ? [] : diffSeen({ [id]: this.previous.sections[id]?.seen ?? [] }, { [id]: [...loaded.ids] })[id] ?? [];
    for (const x of loaded.ids) s.seen.add(x);
    s.view = { status: 'ready', data: loaded.data, newIds };
    s.counts = { ...loaded.counts };
    s.loaded = true;
    return true;
  }

  fail(id: SectionId, token: number, message: string): boolean {
    const s = this.get(id);
    if (token !== s.generation) return false;
    s.view = { status: 'error', message };
    return true;
  }

  /** Replaces the shown data (after an action) without a reload; new-ness is kept. */
  update(id: SectionId, change: (data: SectionData) => SectionData): void {
    const s = this.get(id);
    if (s.view.status === 'ready') s.view = { ...s.view, data: change(s.view.data) };
  }

  data<K extends SectionData['kind']>(kind: K): Extract<SectionData, { kind: K }> | undefined {
    const view = this.get(kind).view;
    return view.status === 'ready' && view.data.kind === kind ? (view.data as Extract<SectionData, { kind: K }>) : undefined;
  }

  setChecked(id: SectionId, checked: boolean): void {
    this.get(id).checked = checked;
  }

  setNotes(id: SectionId, notes: string): void {
    this.get(id).notes = notes;
  }

  setNotice(id: SectionId, text: string | null, error = false): void {
    this.get(id).notice = text === null ? null : { text, error };
  }

  get doneCount(): number {
    return SECTION_IDS.filter((id) => this.get(id).checked).length;
  }

  draft(date: string): ReviewDraft {
    const checked: Partial<Record<SectionId, boolean>> = {};
    const notes: Partial<Record<SectionId, string>> = {};
    for (const id of SECTION_IDS) {
      const s = this.get(id);
      if (s.checked) checked[id] = true;
      if (s.notes) notes[id] = s.notes;
    }
    return { date, checked, notes };
  }

  states(): SectionState[] {
    return SECTION_IDS.map((id) => {
      const s = this.get(id);
      return { id, title: SECTION_TITLES[id], checked: s.checked, notes: s.notes, view: s.view, notice: s.notice };
    });
  }

  /**
   * The record to save. A section that never loaded carries the previous review's seen ids
   * forward, so its items do not all show up as new next time.
   */
  toRecord(finishedAt: number): Omit<MorningReview, 'id'> {
    const sections: Record<string, ReviewSection> = {};
    for (const id of SECTION_IDS) {
      const s = this.get(id);
      const seen = s.loaded ? [...s.seen] : [...(this.previous?.sections[id]?.seen ?? [])];
      sections[id] = { checked: s.checked, seen, counts: s.counts, notes: s.notes.trim() };
    }
    return { finishedAt, sections };
  }
}
