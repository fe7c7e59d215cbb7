import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'preact/hooks';
import type { TextSummary, YearSummary } from '../api/types';
import { useApi } from '../api/use-api';
import { ChartCanvas } from '../components/chart';
import { ChangedBadge, Show } from '../components/status';
import { dayNumber, frDate, frPeriod, isoOfDay, monthTicks } from '../format/dates';
import { ACADEMIES } from '../reference/academies';
import { scopeLabel, TEXT_KIND_LABELS } from '../reference/labels';
import { TextLink } from './text-history';

function textsChart(
  texts: TextSummary[],
  period: { start: string; end: string },
): ChartConfiguration {
  const axisEnd = dayNumber(period.end) + 1;
  const axisStart = Math.min(
    ...texts.map((t) => dayNumber(t.publishedOn ?? t.inForceFrom)),
    dayNumber(period.start),
  );
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: texts.map((t) => t.textId),
      datasets: [
        {
          label: 'En vigueur',
          data: texts.map((t) => [
            dayNumber(t.inForceFrom),
            t.inForceUntil ? dayNumber(t.inForceUntil) : axisEnd,
          ]) as never,
          backgroundColor: texts.map((t) => (t.inForceUntil ? '#8e44ad' : '#1f5fa8')),
        },
        {
          label: 'Publication',
          data: texts.map((t) =>
            t.publishedOn ? [dayNumber(t.publishedOn), dayNumber(t.publishedOn) + 4] : null,
          ) as never,
          backgroundColor: '#e07b00',
        },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: {
          type: 'linear',
          min: axisStart - 30,
          max: axisEnd,
          afterBuildTicks: (axis) => {
            axis.ticks = monthTicks(axis.min, axis.max).map((value) => ({ value }));
          },
          ticks: { callback: (value) => frDate(isoOfDay(Number(value))) },
        },
        y: { stacked: true },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => {
              const text = texts[item.dataIndex];
              return item.datasetIndex === 0
                ? `En vigueur ${frPeriod(text.inForceFrom, text.inForceUntil)}`
                : `Publié le ${frDate(text.publishedOn)}`;
            },
          },
        },
      },
    },
  };
  return config as unknown as ChartConfiguration;
}

/** The texts in force at some point of the year, as a timeline, each opening its history. */
export function TextsSection({ year, knownAt }: { year: string; knownAt: string }) {
  const summary = useApi<YearSummary>(`/years/${year}`, { knownAt });
  const current = useApi<YearSummary>(knownAt ? `/years/${year}` : null);
  return (
    <section id="textes" aria-labelledby="textes-titre">
      <h2 id="textes-titre">Textes en vigueur pendant l'année {year}</h2>
      <Show loaded={summary} what="des textes">
        {(data) => (
          <TextsBody
            summary={data}
            now={current?.state === 'ready' ? current.data.textsInForceDuringYear : undefined}
          />
        )}
      </Show>
    </section>
  );
}

function TextsBody({ summary, now }: { summary: YearSummary; now: TextSummary[] | undefined }) {
  const texts = summary.textsInForceDuringYear;
  const config = useMemo(() => textsChart(texts, summary.period), [texts, summary.period]);
  const later = now?.filter((t) => !texts.some((k) => k.textId === t.textId)) ?? [];
  return (
    <>
      <ChartCanvas
        config={config}
        label="Frise des textes : publication et période en vigueur"
        height={60 + 32 * texts.length}
      />
      <table class="data" id="texts-table">
        <caption>
          Textes (année du {frDate(summary.period.start)} au {frDate(summary.period.end)})
        </caption>
        <thead>
          <tr>
            <th scope="col">Texte</th>
            <th scope="col">Nature</th>
            <th scope="col">Portée</th>
            <th scope="col">Publié le</th>
            <th scope="col">En vigueur</th>
            <th scope="col">Abrogé par</th>
          </tr>
        </thead>
        <tbody>
          {texts.map((t) => {
            const today = now?.find((x) => x.textId === t.textId);
            const changed =
              today &&
              (today.inForceUntil !== t.inForceUntil || today.abrogatedBy !== t.abrogatedBy);
            return (
              <tr key={t.textId}>
                <th scope="row">
                  <TextLink textId={t.textId} />
                  <div class="title">{t.title}</div>
                </th>
                <td>{TEXT_KIND_LABELS[t.kind] ?? t.kind}</td>
                <td>{scopeLabel(t.scope, ACADEMIES)}</td>
                <td>{frDate(t.publishedOn)}</td>
                <td>
                  {frPeriod(t.inForceFrom, t.inForceUntil)}
                  {changed && (
                    <ChangedBadge now={frPeriod(today.inForceFrom, today.inForceUntil)} />
                  )}
                </td>
                <td>{t.abrogatedBy ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {later.length > 0 && (
        <p class="later">
          <ChangedBadge label="enregistrés depuis" /> {later.map((t) => t.textId).join(', ')}
        </p>
      )}
      <details>
        <summary>Historique du calendrier {summary.schoolYear}</summary>
        <ol class="history-list">
          {summary.history.map((h, i) => (
            <li key={h.position ?? i}>
              <span class="when">connu le {frDate(h.knownFrom)}</span> — {h.summary}
            </li>
          ))}
        </ol>
      </details>
    </>
  );
}
