/** What an import left out of records it took, counted by kind and field, with the reason. */
export interface NotKept {
  kind: string;
  field: string;
  reason: string;
  records: number;
}

export class NotKeptLog {
  private readonly entries = new Map<string, NotKept>();

  add(kind: string, field: string, reason: string): void {
    const key = `${kind}\u0000${field}\u0000${reason}`;
    const entry = this.entries.get(key) ?? { kind, field, reason, records: 0 };
    entry.records += 1;
    this.entries.set(key, entry);
  }

  /** Grouped by kind, then field, so the summary reads kind by kind. */
  list(): NotKept[] {
    return [...this.entries.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.field.localeCompare(b.field));
  }
}
