import type { RuleCatalogue, RulesResponse, RuleValue } from '../api/types';
import { useApi } from '../api/use-api';
import { ChangedBadge, Show } from '../components/status';
import { dayBefore, frPeriod } from '../format/dates';
import { CONFIDENCE_LABELS, POPULATION_LABELS } from '../reference/labels';
import { TextLink } from './text-history';

const valueText = (value: unknown) =>
  typeof value === 'boolean'
    ? value
      ? 'oui'
      : 'non'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

const fingerprint = (values: RuleValue[]) =>
  JSON.stringify(values.map((v) => [v.value, v.from, v.until, v.textId]));

/** Each rule of the year with its successive values, the text that set them and its source. */
export function RulesSection({
  year,
  academie,
  knownAt,
}: {
  year: string;
  academie: string;
  knownAt: string;
}) {
  const rules = useApi<RulesResponse>(`/years/${year}/rules`, { academie, knownAt });
  const current = useApi<RulesResponse>(knownAt ? `/years/${year}/rules` : null, { academie });
  const catalogue = useApi<RuleCatalogue>('/rule-catalogue');
  const meaning = (key: string) =>
    catalogue?.state === 'ready'
      ? catalogue.data.rules.find((r) => r.key === key)?.meaning
      : undefined;
  return (
    <section id="regles" aria-labelledby="regles-titre">
      <h2 id="regles-titre">Règles de l'année {year}</h2>
      <Show loaded={rules} what="des règles">
        {(data) => (
          <table class="data" id="rules-table">
            <thead>
              <tr>
                <th scope="col">Règle</th>
                <th scope="col">Valeur</th>
                <th scope="col">Période</th>
                <th scope="col">Texte</th>
                <th scope="col">Source</th>
                <th scope="col">Confiance</th>
              </tr>
            </thead>
            <tbody>
              {data.timeline.map((rule) => {
                const today =
                  current?.state === 'ready'
                    ? current.data.timeline.find(
                        (r) => r.key === rule.key && r.population === rule.population,
                      )
                    : undefined;
                const changed = today && fingerprint(today.values) !== fingerprint(rule.values);
                return rule.values.map((v, i) => (
                  <tr key={`${rule.key}-${rule.population ?? ''}-${i}`}>
                    {i === 0 && (
                      <th scope="row" rowSpan={rule.values.length}>
                        <code>{rule.key}</code>
                        {rule.population &&
                          ` — ${POPULATION_LABELS[rule.population] ?? rule.population}`}
                        {meaning(rule.key) && <div class="title">{meaning(rule.key)}</div>}
                        {changed && (
                          <ChangedBadge
                            now={today.values.map((x) => valueText(x.value)).join(' puis ')}
                          />
                        )}
                      </th>
                    )}
                    <td>{valueText(v.value)}</td>
                    <td>{frPeriod(v.from, v.until ? dayBefore(v.until) : null)}</td>
                    <td>
                      <TextLink textId={v.textId} />
                    </td>
                    <td class="source">{v.source.reference}</td>
                    <td>{CONFIDENCE_LABELS[v.confidence] ?? v.confidence}</td>
                  </tr>
                ));
              })}
            </tbody>
          </table>
        )}
      </Show>
    </section>
  );
}
