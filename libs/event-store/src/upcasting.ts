import type { EventMetadata, RecordedEvent } from './types';

/** Turns the data of one schema version into the next version's shape. */
export type Upcast = (data: unknown, metadata: EventMetadata) => unknown;

/**
 * Events are stored forever in the shape they were written with; readers only know the
 * current shape. Every read goes through this registry, which climbs an old event up its
 * chain of upcasts (v1 -> v2 -> …) to the type's current schema version.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Map<number, Upcast>>();

  /** Registers the upcast from `fromVersion` to `fromVersion + 1` for one event type. */
  register(type: string, fromVersion: number, upcast: Upcast): this {
    const byVersion = this.steps.get(type) ?? new Map<number, Upcast>();
    if (byVersion.has(fromVersion)) {
      throw new Error(`Upcaster for ${type} v${fromVersion} is already registered`);
    }
    byVersion.set(fromVersion, upcast);
    this.steps.set(type, byVersion);
    return this;
  }

  /** The version new events of this type are written with. */
  currentVersion(type: string): number {
    const byVersion = this.steps.get(type);
    if (!byVersion) return 1;
    return Math.max(...byVersion.keys()) + 1;
  }

  upcast<E extends RecordedEvent>(event: E): E {
    const byVersion = this.steps.get(event.type);
    if (!byVersion) return event;
    let version = event.metadata.schemaVersion ?? 1;
    let data = event.data;
    for (let step = byVersion.get(version); step; step = byVersion.get(version)) {
      data = step(data, event.metadata);
      version += 1;
    }
    if (version === event.metadata.schemaVersion) return event;
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
  }
}
