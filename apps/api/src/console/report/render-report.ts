import type { CalendarEntry } from '@pix-ledger/domain';
import type { YearlyReport } from './yearly-report.service';

/** The yearly audit report as one printable HTML page (A4, French), no script, no external file. */
const esc = (value: unknown): string =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** 2022-04-07 -> 07/04/2022; instants keep their time (UTC). */
function frDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` ${m[4]}:${m[5]} UTC` : ''}`;
}

const period = (start?: string | null, end?: string | null) =>
  `${frDate(start)} → ${end ? frDate(end) : '…'}`;

/** `until` of a rule is exclusive: show the last day it held. */
function lastDay(until: string): string {
  const d = new Date(`${until}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const POPULATIONS: Record<string, string> = {
  LYC: 'Lycée (LYC)',
  COL: 'Collège, 3e (COL)',
  '6E': 'Attestation 6e',
};
const FLAGS: Record<string, string> = {
  outOfWindow: 'Séance hors fenêtre',
  noWindowInForce: 'Aucune fenêtre en vigueur',
  lateFinalisation: 'Finalisation tardive',
  populationNotRequired: 'Population non concernée',
};
const value = (v: unknown) =>
  typeof v === 'boolean' ? (v ? 'oui' : 'non') : typeof v === 'string' ? v : JSON.stringify(v);
const percent = (rate: number | null) =>
  rate === null ? '—' : `${(rate * 100).toFixed(1).replace('.', ',')} %`;

/** Column widths in millimetres (the printable width is 186 mm). */
const colgroup = (widths: number[]) =>
  `<colgroup>${widths.map((w) => `<col style="width:${w}mm">`).join('')}</colgroup>`;

function windowsTable(report: YearlyReport): string {
  const local = report.narrowed;
  const row = (n: CalendarEntry) => {
    const mine = local?.find((e) => e.population === n.population) ?? n;
    return `<tr><th>${esc(POPULATIONS[n.population] ?? n.population)}</th>
      <td class="window">${n.start ? esc(period(n.start, n.end)) : 'aucune fenêtre'}</td>
      ${local ? `<td class="window">${mine.start ? esc(period(mine.start, mine.end)) : 'aucune fenêtre'}${mine.scope === 'national' ? ' (pas de restriction)' : ''}</td>` : ''}
      <td>${esc(frDate(mine.finalisationDeadline))}</td>
      <td>${mine.mandatory ? 'oui' : 'non'}</td>
      <td>${esc(mine.sourceTextIds.join(', ') || mine.sources.map((s) => s.reference).join(' ; '))}</td></tr>`;
  };
  const cols = local ? [22, 40, 40, 22, 16, 46] : [24, 40, 24, 18, 80];
  return `<table class="fixed">${colgroup(cols)}<thead><tr><th>Population</th><th>Fenêtre nationale</th>
    ${local ? `<th>Fenêtre ${esc(report.academie?.name)}</th>` : ''}
    <th>Finalisation au plus tard</th><th>Obligatoire</th><th>Textes</th></tr></thead>
    <tbody>${report.national.map(row).join('')}</tbody></table>`;
}

function rulesTable(report: YearlyReport): string {
  const rows = report.rules.flatMap((rule) =>
    rule.values.map(
      (
        v,
        i,
      ) => `<tr>${i === 0 ? `<th rowspan="${rule.values.length}"><code>${esc(rule.key)}</code>${rule.population ? ` (${esc(rule.population)})` : ''}</th>` : ''}
        <td>${esc(value(v.value))}</td><td>${esc(period(v.from, lastDay(v.until)))}</td>
        <td>${esc(v.textId)}</td><td class="small">${esc(v.source?.reference)}</td><td>${esc(v.confidence)}</td></tr>`,
    ),
  );
  return `<table class="rules fixed">${colgroup([50, 24, 38, 34, 34, 10])}<thead><tr><th>Règle</th><th>Valeur</th><th>Période</th><th>Texte</th><th>Source</th><th>Conf.</th></tr></thead>
    <tbody>${rows.join('')}</tbody></table>`;
}

function textsTable(report: YearlyReport): string {
  const rows = report.summary.textsInForceDuringYear.map(
    (
      t,
    ) => `<tr><th>${esc(t.textId)}</th><td>${esc(t.title)}</td><td>${esc(frDate(t.publishedOn))}</td>
      <td>${esc(period(t.inForceFrom, t.inForceUntil))}</td><td>${esc(t.abrogatedBy ?? '—')}</td></tr>`,
  );
  return `<table><thead><tr><th>Texte</th><th>Intitulé</th><th>Publié le</th><th>En vigueur</th><th>Abrogé par</th></tr></thead>
    <tbody>${rows.join('')}</tbody></table>`;
}

function historyList(report: YearlyReport): string {
  return `<ol>${report.summary.history
    .map(
      (h) =>
        `<li>connu le ${esc(frDate(h.knownFrom))} (position ${esc(h.position)}) — ${esc(h.summary)}</li>`,
    )
    .join('')}</ol>`;
}

function statsTables(report: YearlyReport): string {
  const { stats } = report;
  const table = (title: string, groups: typeof stats.byAcademie) =>
    groups.length === 0
      ? ''
      : `<h3>${esc(title)}</h3><table><thead><tr><th></th><th>Séances</th><th>Candidats</th><th>Certifiés</th><th>Taux</th><th>Score moyen</th><th>Hors fenêtre</th><th>Finalisations tardives</th></tr></thead><tbody>${groups
          .map(
            (g) =>
              `<tr><th>${esc(g.key)}</th><td>${g.sessions}</td><td>${g.candidates}</td><td>${g.certified}</td><td>${percent(g.certificationRate)}</td><td>${esc(g.meanPixScore ?? '—')}</td><td>${g.sessionsOutOfWindow}</td><td>${g.lateFinalisations}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  const t = stats.total;
  return `<p>${t.sessions} séances, ${t.candidates} candidats, ${t.certified} certifiés (taux ${percent(t.certificationRate)}),
    ${t.sessionsOutOfWindow} séances hors fenêtre, ${t.lateFinalisations} finalisations tardives.</p>
    ${table('Par académie', stats.byAcademie)}${table('Par population', stats.byPopulation)}${table('Par établissement (UAI)', stats.byEstablishment)}`;
}

function complianceTable(report: YearlyReport): string {
  const { flags } = report.compliance;
  if (flags.length === 0) return '<p>Aucun constat.</p>';
  return `<table><thead><tr><th>Séance</th><th>UAI</th><th>Académie</th><th>Population</th><th>Date</th><th>Constat</th><th>Règle, textes</th></tr></thead><tbody>${flags
    .map(
      (
        f,
      ) => `<tr><td>${esc(f.sessionId ?? '—')}</td><td>${esc(f.uai)}</td><td>${esc(f.academie ?? '—')}</td><td>${esc(f.population)}</td><td>${esc(frDate(f.date))}</td>
        <td>${esc(FLAGS[f.code] ?? f.code)}<div class="small">${esc(f.message)}</div></td><td><code>${esc(f.rule)}</code> ${esc(f.textIds.join(', '))}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function eventsTable(report: YearlyReport): string {
  return `<table class="events"><thead><tr><th>Position</th><th>Type</th><th>Flux</th><th>Rév.</th><th>Connu depuis</th><th>SHA-256 (JSON canonique)</th></tr></thead><tbody>${report.events
    .map(
      (e) =>
        `<tr><td>${e.position}</td><td>${esc(e.type)}</td><td>${esc(e.streamId)}</td><td>${e.revision}</td><td>${esc(e.knownFrom)}</td><td><code>${e.sha256}</code></td></tr>`,
    )
    .join('')}</tbody></table>`;
}

export function reportQuery(report: YearlyReport): string {
  const params = new URLSearchParams({ knownAt: report.knownAt });
  if (report.academie) params.set('academie', report.academie.code);
  return `/years/${report.schoolYear}/report?${params.toString()}`;
}

export function renderReport(report: YearlyReport): string {
  const scope = report.academie
    ? `Académie ${report.academie.name} (${report.academie.code})`
    : 'Toutes les académies (calendrier national)';
  const cli = `npm run cli -- audit --year ${report.schoolYear}${report.academie ? ` --academie ${report.academie.code}` : ''} --known-at ${report.knownAt} --out rapport.pdf`;
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<title>Rapport d'audit Pix ${esc(report.schoolYear)}</title>
<style>
  @page { size: A4; margin: 14mm 12mm; }
  body { font-family: 'DejaVu Sans', system-ui, sans-serif; font-size: 9.5pt; color: #111; margin: 0 auto; max-width: 190mm; }
  h1 { font-size: 16pt; margin: 0 0 4mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #888; }
  h3 { font-size: 10pt; margin: 4mm 0 1mm; }
  table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
  th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
  thead th { background: #eee; } tr { break-inside: avoid; }
  .small, .events { font-size: 7.5pt; } code { font-size: 7.5pt; }
  .facts th { width: 45mm; } .page { break-after: page; }
  table.fixed { table-layout: fixed; } .fixed td, .fixed th { overflow-wrap: anywhere; }
  td.window { white-space: nowrap; }
  .events code { word-break: break-all; }
</style></head>
<body>
<section class="page" id="first-page">
  <h1>Rapport d'audit Pix — année scolaire ${esc(report.schoolYear)}</h1>
  <table class="facts">
    <tr><th>Périmètre</th><td>${esc(scope)}</td></tr>
    <tr><th>Connu au (knownAt)</th><td id="known-at">${esc(report.knownAt)}${report.knownAtGiven ? '' : ' (instant de production : ce que le registre savait alors)'}</td></tr>
    <tr><th>Produit le</th><td>${esc(report.producedAt)}</td></tr>
    <tr><th>Journal</th><td>${report.events.length} événements utilisés, jusqu'à la position ${report.headPosition}</td></tr>
    <tr><th>Empreinte de la liste</th><td><code>${report.eventsDigest}</code> (SHA-256 des lignes « position:sha256 », annexe)</td></tr>
    <tr><th>Pour le reproduire</th><td><code>GET ${esc(reportQuery(report))}</code><br><code>${esc(cli)}</code></td></tr>
  </table>
  <h2>Fenêtres de certification</h2>
  ${windowsTable(report)}
  <h2>Règles en vigueur pendant l'année</h2>
  ${rulesTable(report)}
</section>
<section>
  <h2>Textes en vigueur pendant l'année</h2>
  ${textsTable(report)}
  <h2>Historique du calendrier ${esc(report.schoolYear)}</h2>
  ${historyList(report)}
  <h2>Statistiques</h2>
  ${statsTables(report)}
  <h2>Constats de conformité</h2>
  ${complianceTable(report)}
</section>
<section id="events">
  <h2>Événements utilisés (${report.events.length})</h2>
  <p class="small">Les événements que lisent les vues de ce rapport, connus au ${esc(report.knownAt)} : toute la réglementation, les établissements, et les séances et attestations 6e de l'année (le filtre d'académie s'applique ensuite).
  Chaque empreinte est le SHA-256 du JSON canonique (clés triées, sans espaces) de l'enveloppe de l'événement : eventId, type, streamId, revision, position, data, metadata.</p>
  ${eventsTable(report)}
</section>
</body></html>`;
}
