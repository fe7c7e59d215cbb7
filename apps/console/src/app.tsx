import { useEffect, useState } from 'preact/hooks';
import type { YearsResponse } from './api/types';
import { useApi } from './api/use-api';
import { ReportLink } from './components/access';
import { Show } from './components/status';
import { frDate } from './format/dates';
import { ACADEMIE_OPTIONS } from './reference/academies';
import { CalendarSection } from './sections/calendar-section';
import { ComplianceSection } from './sections/compliance-section';
import { RulesSection } from './sections/rules-section';
import { StatsSection } from './sections/stats-section';
import { TextsSection } from './sections/texts-section';
import { KnownAtContext, readSelection, type Selection, writeSelection } from './selection';

export function App() {
  const [selection, setSelection] = useState<Selection>(() => readSelection(location.search));
  const years = useApi<YearsResponse>('/years');
  const update = (change: Partial<Selection>) => setSelection((s) => ({ ...s, ...change }));
  useEffect(() => writeSelection(selection), [selection]);
  // Open the latest year on a first visit.
  useEffect(() => {
    if (!selection.year && years?.state === 'ready' && years.data.years.length > 0) {
      update({ year: years.data.years[years.data.years.length - 1].schoolYear });
    }
  }, [years, selection.year]);
  const { year, academie, knownAt } = selection;

  return (
    <KnownAtContext.Provider value={knownAt}>
      <header class="toolbar">
        <h1>Console d'audit Pix</h1>
        <div class="controls">
          <label>
            Année scolaire
            <Show loaded={years} what="des années">
              {(data) => (
                <select
                  id="school-year"
                  value={year}
                  onChange={(e) => update({ year: e.currentTarget.value })}
                >
                  {!year && <option value="">—</option>}
                  {data.years.map((y) => (
                    <option key={y.schoolYear} value={y.schoolYear}>
                      {y.schoolYear}
                    </option>
                  ))}
                </select>
              )}
            </Show>
          </label>
          <label>
            Académie
            <select
              id="academie"
              value={academie}
              onChange={(e) => update({ academie: e.currentTarget.value })}
            >
              <option value="">Toutes (national)</option>
              {ACADEMIE_OPTIONS.map(([code, name]) => (
                <option key={code} value={code}>
                  {name} ({code})
                </option>
              ))}
            </select>
          </label>
          <label>
            Connu au
            <input
              id="known-at"
              type="date"
              value={knownAt}
              min="2019-01-01"
              onChange={(e) => update({ knownAt: e.currentTarget.value })}
            />
          </label>
          <button type="button" disabled={!knownAt} onClick={() => update({ knownAt: '' })}>
            Aujourd'hui
          </button>
          {year && (
            <ReportLink
              path={`/years/${year}/report`}
              params={{ ...(academie ? { academie } : {}), ...(knownAt ? { knownAt } : {}) }}
            />
          )}
        </div>
        <p class="known-at-banner" aria-live="polite">
          {knownAt
            ? `Vue de ce que le registre savait le ${frDate(knownAt)} ; les badges « modifié depuis » signalent ce qui a changé depuis.`
            : "Vue de ce que le registre sait aujourd'hui."}
        </p>
        <nav aria-label="Sections">
          <a href="#calendrier">Calendrier</a>
          <a href="#textes">Textes</a>
          <a href="#regles">Règles</a>
          <a href="#statistiques">Statistiques</a>
          <a href="#conformite">Conformité</a>
        </nav>
      </header>
      <main>
        {!year ? (
          <p class="status">Choisissez une année scolaire.</p>
        ) : (
          <>
            <CalendarSection year={year} academie={academie} knownAt={knownAt} />
            <TextsSection year={year} knownAt={knownAt} />
            <RulesSection year={year} academie={academie} knownAt={knownAt} />
            <StatsSection year={year} academie={academie} knownAt={knownAt} />
            <ComplianceSection
              year={year}
              academie={academie}
              knownAt={knownAt}
              onAcademie={(code) => update({ academie: code })}
            />
          </>
        )}
      </main>
    </KnownAtContext.Provider>
  );
}
