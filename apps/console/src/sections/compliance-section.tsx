import { useState } from 'preact/hooks';
import type { ComplianceFlag, ComplianceResponse } from '../api/types';
import { useApi } from '../api/use-api';
import { ChangedBadge, Show } from '../components/status';
import { frDate } from '../format/dates';
import { ACADEMIE_OPTIONS, ACADEMIES } from '../reference/academies';
import { academieLabel, FLAG_LABELS, POPULATION_LABELS } from '../reference/labels';
import { TextLink } from './text-history';

const flagKey = (f: ComplianceFlag) => `${f.sessionId ?? f.uai}|${f.code}|${f.rule}`;

interface Props {
  year: string;
  academie: string;
  knownAt: string;
  onAcademie: (code: string) => void;
}

/** Every compliance flag of the year, filterable by académie and kind. */
export function ComplianceSection({ year, academie, knownAt, onAcademie }: Props) {
  const [code, setCode] = useState('');
  const compliance = useApi<ComplianceResponse>(`/years/${year}/compliance`, { academie, knownAt });
  const current = useApi<ComplianceResponse>(knownAt ? `/years/${year}/compliance` : null, {
    academie,
  });
  const nowKeys = current?.state === 'ready' ? new Set(current.data.flags.map(flagKey)) : undefined;
  return (
    <section id="conformite" aria-labelledby="conformite-titre">
      <h2 id="conformite-titre">Conformité {year}</h2>
      <div class="filters">
        <label>
          Académie
          <select
            id="compliance-academie"
            value={academie}
            onChange={(e) => onAcademie(e.currentTarget.value)}
          >
            <option value="">Toutes</option>
            {ACADEMIE_OPTIONS.map(([c, name]) => (
              <option key={c} value={c}>
                {name} ({c})
              </option>
            ))}
          </select>
        </label>
        <label>
          Constat
          <select
            id="compliance-code"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          >
            <option value="">Tous</option>
            {Object.entries(FLAG_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Show loaded={compliance} what="des constats">
        {(data) => {
          const flags = data.flags.filter((f) => !code || f.code === code);
          return flags.length === 0 ? (
            <p class="status" id="compliance-empty">
              Aucun constat pour ces critères.
            </p>
          ) : (
            <table class="data" id="compliance-table">
              <caption>
                {flags.length} constat{flags.length > 1 ? 's' : ''}
                {data.filters.academie
                  ? ` — académie ${academieLabel(data.filters.academie, ACADEMIES)}`
                  : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Séance</th>
                  <th scope="col">Établissement</th>
                  <th scope="col">Académie</th>
                  <th scope="col">Population</th>
                  <th scope="col">Date</th>
                  <th scope="col">Constat</th>
                  <th scope="col">Règle et textes</th>
                </tr>
              </thead>
              <tbody>
                {flags.map((f) => (
                  <tr key={flagKey(f)} data-academie={f.academie ?? ''}>
                    <td>{f.sessionId ?? '—'}</td>
                    <td>{f.uai}</td>
                    <td>{academieLabel(f.academie, ACADEMIES)}</td>
                    <td>{POPULATION_LABELS[f.population] ?? f.population}</td>
                    <td>{frDate(f.date)}</td>
                    <td>
                      <strong>{FLAG_LABELS[f.code] ?? f.code}</strong>
                      <div class="title">{f.message}</div>
                      {nowKeys && !nowKeys.has(flagKey(f)) && <ChangedBadge label="levé depuis" />}
                    </td>
                    <td>
                      <code>{f.rule}</code>{' '}
                      {f.textIds.map((id) => (
                        <TextLink key={id} textId={id} />
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Show>
      {current?.state === 'ready' && compliance?.state === 'ready' && (
        <NewSince then={compliance.data.flags} now={current.data.flags} />
      )}
    </section>
  );
}

/** Flags the registry raised after `knownAt`. */
function NewSince({ then, now }: { then: ComplianceFlag[]; now: ComplianceFlag[] }) {
  const known = new Set(then.map(flagKey));
  const added = now.filter((f) => !known.has(flagKey(f)));
  if (added.length === 0) return null;
  return (
    <p class="later">
      <ChangedBadge label="constatés depuis" />{' '}
      {added.map((f) => `${f.sessionId ?? f.uai} : ${FLAG_LABELS[f.code] ?? f.code}`).join(' ; ')}
    </p>
  );
}
