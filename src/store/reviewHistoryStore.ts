import { randomId } from '../core/randomId';
import type { JsonFileOptions } from './engine/jsonFile';
import { STORE_FILES, yearKey } from './paths';
import { ShardSet } from './engine/shardSet';
import type { FileSpec } from './engine/versionedJson';

/** One section of a morning review (pending reviews, delegated work, CI…). */
export interface ReviewSection {
  readonly checked: boolean;
  /** Ids of the items seen, so the next review can say what is new. */
  readonly seen: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
  readonly notes: string;
}

export interface MorningReview {
  readonly id: string;
  readonly finishedAt: number;
  readonly sections: Readonly<Record<string, ReviewSection>>;
}

export interface ReviewYearFile {
  readonly version: 1;
  readonly year: string;
  /** Sorted by finishedAt. */
  reviews: MorningReview[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sectionProblem(id: string, section: unknown): string | null {
  if (!isPlainObject(section)) return `its section ${JSON.stringify(id)} is not an object`;
  const s = section as Record<keyof ReviewSection, unknown>;
  if (typeof s.checked !== 'boolean') return `its section ${JSON.stringify(id)} has no check mark`;
  if (!Array.isArray(s.seen) || !s.seen.every((x) => typeof x === 'string')) return `its section ${JSON.stringify(id)} has no list of seen items`;
  if (!isPlainObject(s.counts) || !Object.values(s.counts).every((n) => Number.isFinite(n))) return `its section ${JSON.stringify(id)} has no counts`;
  if (typeof s.notes !== 'string') return `its section ${JSON.stringify(id)} has no notes`;
  return null;
}

/** Why a stored review cannot be used: every field the history, the streak and "what's new" read. */
export function reviewProblem(record: unknown): string | null {
  if (!isPlainObject(record)) return 'it is not an object';
  const r = record as Record<keyof MorningReview, unknown>;
  if (typeof r.id !== 'string' || r.id === '') return 'it has no id';
  if (!Number.isFinite(r.finishedAt)) return 'it has no finish time';
  if (!isPlainObject(r.sections)) return 'it has no sections';
  for (const [id, section] of Object.entries(r.sections)) {
    const problem = sectionProblem(id, section);
    if (problem) return problem;
  }
  return null;
}

export function reviewYearSpec(year: string): FileSpec<ReviewYearFile> {
  return {
    version: 1,
    empty: () => ({ version: 1, year, reviews: [] }),
    check: (f) => (Array.isArray(f.reviews) ? null : '"reviews" is not a list'),
    records: [{ field: 'reviews', problem: reviewProblem, id: (r) => (r as MorningReview).id }],
  };
}

/** Finished morning reviews, one file per local year (`reviews/2026.json`), append-only. */
export class ReviewHistoryStore {
  private constructor(private readonly years: ShardSet<ReviewYearFile>) {}

  static async open(dir: string, options: JsonFileOptions = {}): Promise<ReviewHistoryStore> {
    return new ReviewHistoryStore(new ShardSet(dir, STORE_FILES.reviewsDir, /^\d{4}$/, reviewYearSpec, options));
  }

  /** Record a finished review; appending an id that exists replaces it. */
  async append(review: Omit<MorningReview, 'id'> & { readonly id?: string }): Promise<MorningReview> {
    const full: MorningReview = { ...review, id: review.id ?? randomId('r-') };
    const file = await this.years.get(yearKey(full.finishedAt));
    return file.update((f) => {
      f.reviews = f.reviews.filter((r) => r.id !== full.id);
      let i = f.reviews.length;
      while (i > 0 && f.reviews[i - 1].finishedAt > full.finishedAt) i--;
      f.reviews.splice(i, 0, full);
      return full;
    });
  }

  /** Reviews newest first: at most `limit`, and only those finished at or after `since`. */
  async list(options: { readonly limit?: number; readonly since?: number } = {}): Promise<MorningReview[]> {
    const limit = options.limit ?? Infinity;
    const since = options.since ?? -Infinity;
    const out: MorningReview[] = [];
    const years = (await this.years.keys()).reverse();
    for (const year of years) {
      if (out.length >= limit || (Number.isFinite(since) && year < yearKey(since))) break;
      const file = await this.years.get(year);
      await file.refresh();
      for (const r of [...file.data.reviews].reverse()) {
        if (out.length >= limit) break;
        if (r.finishedAt >= since) out.push(r);
      }
    }
    return out;
  }

  async latest(): Promise<MorningReview | null> {
    return (await this.list({ limit: 1 }))[0] ?? null;
  }

  flush(): Promise<boolean> {
    return this.years.flush();
  }

  dispose(): void {
    this.years.dispose();
  }
}
