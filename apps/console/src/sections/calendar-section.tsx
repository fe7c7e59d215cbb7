import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'preact/hooks';
import type { CalendarResponse, CalendarWindow } from '../api/types';
import { useApi } from '../api/use-api';
import { ChartCanvas } from '../components/chart';
import { ChangedBadge, Show } from '../components/status';
import {
  dayNumber,
  frDate,
  frPeriod,
  isoOfDay,
  monthTicks,
  schoolYearPeriod,
} from '../format/dates';
import { ACADEMIES } from '../reference/academies';
import { CONFIDENCE_LABELS, POPULATION_LABELS } from '../reference/labels';
import { TextLink } from './text-history';

interface Props {
  year: string;
  academie: string;
  knownAt: string;
}

const periodOf = (w: CalendarWindow | undefined) =>
  w?.start && w.end ? frPeriod(w.start, w.end) : 'aucune fenêtre';

function timelineChart(
  year: string,
  national: CalendarWindow[],
  local: CalendarWindow[] | undefined,
  academieName: string,
) {
  const period = schoolYearPeriod(year);
  const populations = national.map((w) => w.population);
  const bar = (w: CalendarWindow | undefined) =>
    w?.start && w.end ? [dayNumber(w.start), dayNumber(w.end) + 1] : null;
  const datasets: ChartConfiguration<'bar'>['data']['datasets'] = [
    {
      label: 'Fenêtre nationale',
      data: national.map(bar) as never,
      backgroundColor: '#1f5fa8',
    },
  ];
  if (local) {
    datasets.push({
      label: `Fenêtre de l'académie (${academieName})`,
      data: populations.map((p) => bar(local.find((w) => w.population === p))) as never,
      backgroundColor: '#e07b00',
    });
  }
  datasets.push({
    label: 'Date limite de finalisation',
    data: populations.map((p) => {
      const w = (local ?? national).find((x) => x.population === p);
      return w?.finalisationDeadline
        ? [dayNumber(w.finalisationDeadline), dayNumber(w.finalisationDeadline) + 2]
        : null;
    }) as never,
    backgroundColor: '#c0392b',
  });
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: { labels: populations.map((p) => POPULATION_LABELS[p] ?? p), datasets },
    options: {
      indexAxis: 'y',
      scales: {
        x: {
          type: 'linear',
          min: dayNumber(period.start),
          max: dayNumber(period.end) + 1,
          afterBuildTicks: (axis) => {
            axis.ticks = monthTicks(axis.min, axis.max).map((value) => ({ value }));
          },
          ticks: { callback: (value) => frDate(isoOfDay(Number(value))) },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => {
              const [start, end] = item.raw as [number, number];
              return `${item.dataset.label} : ${frPeriod(isoOfDay(start), isoOfDay(end - 1))}`;
            },
          },
        },
      },
    },
  };
  return config as unknown as ChartConfiguration;
}

/** The windows of a year per population (national and the académie's narrowing), as a timeline. */
export function CalendarSection({ year, academie, knownAt }: Props) {
  const national = useApi<CalendarResponse>(`/years/${year}/calendar`, { knownAt });
  const local = useApi<CalendarResponse>(academie ? `/years/${year}/calendar` : null, {
    academie,
    knownAt,
  });
  // Today's view, to mark what changed since `knownAt`.
  const current = useApi<CalendarResponse>(knownAt ? `/years/${year}/calendar` : null, {
    academie,
  });
  const academieName = ACADEMIES[academie] ?? academie;

  return (
    <section id="calendrier" aria-labelledby="calendrier-titre">
      <h2 id="calendrier-titre">Calendrier {year} : fenêtres de certification</h2>
      <Show loaded={national} what="du calendrier">
        {(nat) => {
          const narrowed = local?.state === 'ready' ? local.data.windows : undefined;
          const nowWindows = current?.state === 'ready' ? current.data.windows : undefined;
          return (
            <CalendarBody
              year={year}
              national={nat.windows}
              narrowed={academie ? narrowed : undefined}
              now={nowWindows}
              academie={academie}
              academieName={academieName}
            />
          );
        }}
      </Show>
      {local?.state === 'error' && <p class="status error">Académie : {local.error.message}</p>}
    </section>
  );
}

function CalendarBody({
  year,
  national,
  narrowed,
  now,
  academie,
  academieName,
}: {
  year: string;
  national: CalendarWindow[];
  narrowed: CalendarWindow[] | undefined;
  now: CalendarWindow[] | undefined;
  academie: string;
  academieName: string;
}) {
  const config = useMemo(
    () => timelineChart(year, national, narrowed, academieName),
    [year, national, narrowed, academieName],
  );
  const effective = narrowed ?? national;
  return (
    <>
      <ChartCanvas
        config={config}
        label="Frise des fenêtres de certification par population"
        height={60 + 55 * national.length}
      />
      <table class="data" id="calendar-table">
        <caption>Fenêtres par population</caption>
        <thead>
          <tr>
            <th scope="col">Population</th>
            <th scope="col">Fenêtre nationale</th>
            {academie && <th scope="col">Fenêtre {academieName}</th>}
            <th scope="col">Finalisation au plus tard</th>
            <th scope="col">Obligatoire</th>
            <th scope="col">Textes</th>
            <th scope="col">Confiance</th>
          </tr>
        </thead>
        <tbody>
          {national.map((w) => {
            const mine = effective.find((x) => x.population === w.population) ?? w;
            const today = now?.find((x) => x.population === mine.population);
            const changed =
              today &&
              (today.start !== mine.start ||
                today.end !== mine.end ||
                today.finalisationDeadline !== mine.finalisationDeadline);
            return (
              <tr key={w.population} data-population={w.population}>
                <th scope="row">{POPULATION_LABELS[w.population] ?? w.population}</th>
                <td data-testid={`national-window-${w.population}`}>
                  {periodOf(w)}
                  {!academie && changed && <ChangedBadge now={periodOf(today)} />}
                </td>
                {academie && (
                  <td data-testid={`academie-window-${w.population}`}>
                    {mine.scope === 'national'
                      ? `${periodOf(mine)} (pas de restriction)`
                      : periodOf(mine)}
                    {mine.voidNarrowing && (
                      <span class="note">
                        {' '}
                        restriction {frPeriod(
                          mine.voidNarrowing.start,
                          mine.voidNarrowing.end,
                        )}{' '}
                        caduque
                      </span>
                    )}
                    {changed && <ChangedBadge now={periodOf(today)} />}
                  </td>
                )}
                <td>{frDate(mine.finalisationDeadline)}</td>
                <td>{mine.mandatory ? 'oui' : 'non'}</td>
                <td>
                  {mine.sourceTextIds.length === 0
                    ? mine.sources.map((s) => s.reference).join(' ; ')
                    : mine.sourceTextIds.map((id) => <TextLink key={id} textId={id} />)}
                </td>
                <td>{CONFIDENCE_LABELS[mine.confidence] ?? mine.confidence}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
