import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState } from 'preact/hooks';
import type { GroupStats, StatsResponse } from '../api/types';
import { useApi } from '../api/use-api';
import { ChartCanvas } from '../components/chart';
import { Show } from '../components/status';
import { ACADEMIES } from '../reference/academies';
import { academieLabel, POPULATION_LABELS } from '../reference/labels';

type Grouping = 'byAcademie' | 'byEstablishment' | 'byPopulation';

const GROUPINGS: Record<Grouping, string> = {
  byAcademie: 'Académie',
  byEstablishment: 'Établissement (UAI)',
  byPopulation: 'Population',
};

const percent = (rate: number | null) =>
  rate === null ? '—' : `${(rate * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`;

function groupLabel(grouping: Grouping, key: string): string {
  if (grouping === 'byAcademie') return academieLabel(key, ACADEMIES);
  if (grouping === 'byPopulation') return POPULATION_LABELS[key] ?? key;
  return key;
}

function statsChart(groups: GroupStats[], grouping: Grouping): ChartConfiguration {
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: groups.map((g) => groupLabel(grouping, g.key)),
      datasets: [
        { label: 'Candidats', data: groups.map((g) => g.candidates), backgroundColor: '#1f5fa8' },
        { label: 'Certifiés', data: groups.map((g) => g.certified), backgroundColor: '#2e8b57' },
        {
          label: 'Non certifiés',
          data: groups.map((g) => g.notCertified),
          backgroundColor: '#b0b0b0',
        },
        {
          label: 'Séances hors fenêtre',
          data: groups.map((g) => g.sessionsOutOfWindow),
          backgroundColor: '#c0392b',
        },
        {
          label: 'Finalisations tardives',
          data: groups.map((g) => g.lateFinalisations),
          backgroundColor: '#e07b00',
        },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
  return config as unknown as ChartConfiguration;
}

/** Counts of the year by académie, establishment or population, as a chart and a table. */
export function StatsSection({
  year,
  academie,
  knownAt,
}: {
  year: string;
  academie: string;
  knownAt: string;
}) {
  const [grouping, setGrouping] = useState<Grouping>('byAcademie');
  const [population, setPopulation] = useState('');
  const stats = useApi<StatsResponse>(`/years/${year}/stats`, { academie, population, knownAt });
  return (
    <section id="statistiques" aria-labelledby="statistiques-titre">
      <h2 id="statistiques-titre">Statistiques {year}</h2>
      <div class="filters">
        <label>
          Regrouper par
          <select
            id="stats-grouping"
            value={grouping}
            onChange={(e) => setGrouping(e.currentTarget.value as Grouping)}
          >
            {Object.entries(GROUPINGS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Population
          <select
            id="stats-population"
            value={population}
            onChange={(e) => setPopulation(e.currentTarget.value)}
          >
            <option value="">Toutes</option>
            {Object.entries(POPULATION_LABELS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Show loaded={stats} what="des statistiques">
        {(data) => <StatsBody stats={data} grouping={grouping} />}
      </Show>
    </section>
  );
}

function StatsBody({ stats, grouping }: { stats: StatsResponse; grouping: Grouping }) {
  const groups = stats[grouping];
  const config = useMemo(() => statsChart(groups, grouping), [groups, grouping]);
  const { total } = stats;
  return (
    <>
      <p class="totals" id="stats-totals">
        {total.sessions} séances, {total.candidates} candidats, {total.certified} certifiés (taux{' '}
        {percent(total.certificationRate)}), score moyen {total.meanPixScore ?? '—'} pix,{' '}
        {total.sessionsOutOfWindow} séances hors fenêtre, {total.lateFinalisations} finalisations
        tardives.
        {stats.attestations6e.pupils > 0 &&
          ` Attestation 6e : ${stats.attestations6e.obtained} obtenues sur ${stats.attestations6e.pupils} élèves.`}
      </p>
      {groups.length === 0 ? (
        <p class="status">Aucune séance enregistrée pour ces critères.</p>
      ) : (
        <>
          <ChartCanvas
            config={config}
            label={`Statistiques par ${GROUPINGS[grouping].toLowerCase()}`}
            height={260}
          />
          <table class="data" id="stats-table">
            <thead>
              <tr>
                <th scope="col">{GROUPINGS[grouping]}</th>
                <th scope="col">Séances</th>
                <th scope="col">Candidats</th>
                <th scope="col">Certifiés</th>
                <th scope="col">Taux</th>
                <th scope="col">Score moyen</th>
                <th scope="col">Hors fenêtre</th>
                <th scope="col">Finalisations tardives</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">{groupLabel(grouping, g.key)}</th>
                  <td>{g.sessions}</td>
                  <td>{g.candidates}</td>
                  <td>{g.certified}</td>
                  <td>{percent(g.certificationRate)}</td>
                  <td>{g.meanPixScore ?? '—'}</td>
                  <td>{g.sessionsOutOfWindow}</td>
                  <td>{g.lateFinalisations}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
