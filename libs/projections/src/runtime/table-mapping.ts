import type { SqlExecutor } from '../read-model-store';

/**
 * A rebuild writes a projection's tables under other names (shadow tables) while the live ones
 * keep serving. The projection's SQL is untouched: its statements are rewritten on the way to
 * the database, table names (and the names of the indexes it creates) getting the shadow suffix.
 */
export const SHADOW_SUFFIX = '__rebuild';
export const shadowName = (name: string) => `${name}${SHADOW_SUFFIX}`;

const IDENTIFIER = '[A-Za-z_][A-Za-z0-9_]*';
const CREATE_TABLE = new RegExp(
  `^\\s*CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(${IDENTIFIER})`,
  'i',
);
const CREATE_INDEX = new RegExp(
  `^(\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?)(${IDENTIFIER})(\\s+ON\\s+)(${IDENTIFIER})`,
  'i',
);
const WRITE_TARGET = new RegExp(
  `^\\s*(?:INSERT\\s+(?:OR\\s+\\w+\\s+)?INTO|REPLACE\\s+INTO|UPDATE(?:\\s+OR\\s+\\w+)?|DELETE\\s+FROM)\\s+(${IDENTIFIER})`,
  'i',
);
/** Single-quoted literals are left alone ('' escapes a quote inside). */
const LITERALS = /('(?:[^']|'')*')/;

/** What a DDL statement creates: a table, or an index on a table. */
export function ddlTarget(ddl: string): { table: string; index?: string } | undefined {
  const index = CREATE_INDEX.exec(ddl);
  if (index) return { table: index[4], index: index[2] };
  const table = CREATE_TABLE.exec(ddl);
  return table ? { table: table[1] } : undefined;
}

export class TableMapping {
  private readonly pattern: RegExp | undefined;
  private readonly cache = new Map<string, string>();

  /**
   * @param renamed table name -> physical name
   * @param readOnly tables the mapped statements may read but must not write
   */
  constructor(
    private readonly renamed: ReadonlyMap<string, string>,
    private readonly readOnly: ReadonlySet<string> = new Set(),
  ) {
    const names = [...renamed.keys()].sort((a, b) => b.length - a.length);
    this.pattern = names.length
      ? new RegExp(`(?<![A-Za-z0-9_$."])(${names.join('|')})(?![A-Za-z0-9_$"])`, 'g')
      : undefined;
  }

  rewrite(sql: string): string {
    let mapped = this.cache.get(sql);
    if (mapped !== undefined) return mapped;
    const target = WRITE_TARGET.exec(sql)?.[1];
    if (target && this.readOnly.has(target)) {
      throw new Error(
        `writes ${target}, which is not partitioned by school year: a per-year rebuild cannot replay it`,
      );
    }
    mapped = sql
      .split(LITERALS)
      .map((part, i) => (i % 2 === 1 || !this.pattern ? part : this.renameIn(part)))
      .join('');
    this.cache.set(sql, mapped);
    return mapped;
  }

  private renameIn(part: string): string {
    const index = CREATE_INDEX.exec(part);
    const renamedTable = index && this.renamed.get(index[4]);
    const withIndex =
      index && renamedTable
        ? part.replace(
            CREATE_INDEX,
            (_, head, name, on) => `${head}${name}${SHADOW_SUFFIX}${on}${index[4]}`,
          )
        : part;
    return withIndex.replace(this.pattern as RegExp, (name) => this.renamed.get(name) ?? name);
  }

  /** An executor whose statements go to the mapped tables. */
  over(tx: SqlExecutor): SqlExecutor {
    return {
      run: (sql, params) => tx.run(this.rewrite(sql), params),
      all: (sql, params) => tx.all(this.rewrite(sql), params),
      get: (sql, params) => tx.get(this.rewrite(sql), params),
    };
  }
}
