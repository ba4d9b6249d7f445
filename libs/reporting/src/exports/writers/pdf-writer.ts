import { A4, newPdfDocument, PDF_COLORS, PdfLayout, type PdfTableColumn } from '@app/platform';
import { CIRCUITY_GCD_TO_ROAD, DAF_ROAD } from '@app/carbon';
import type { RseTotals } from '../../rse-line';
import { OutputFile } from './output-file';
import {
  categoryLabel,
  formatDate,
  formatEuros,
  formatGeneratedAt,
  formatKgCo2e,
  formatMonth,
  formatNumber,
  formatPercent,
  formatShortMonth,
  formatSiret,
  NEGATIVE_SAVING_NOTE,
  type RseReportMeta,
  shareOf,
  VSME_NOTE,
} from './rse-format';

/**
 * The RSE report as a PDF of a few pages, in French, for the buyer's CSR report: key figures, tables by product
 * category and by supplier, a monthly chart and the method with its caveats. It is drawn from the period's totals
 * only (never from the lines), so its size does not depend on the number of lines.
 */

/** Room kept under the content for the footer. pdfkit's own page breaks use the same bottom margin, so no text can reach it. */
const FOOTER_ROOM = 30;
const PAGE = A4;
const LEFT = PAGE.margin;
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

const TOP_SUPPLIERS = 15;

const COLORS = {
  ...PDF_COLORS,
  grid: '#dddddd',
  emissions: '#c0392b',
  baseline: '#7f8c8d',
  warning: '#8a4b00',
};

// ---------------------------------------------------------------------------------------------------------------

/** Writes the report to `path`; returns its number of pages. */
export async function writeRsePdf(
  path: string,
  totals: RseTotals,
  meta: RseReportMeta,
): Promise<{ pageCount: number }> {
  const period = `du ${formatDate(meta.periodFrom)} au ${formatDate(meta.periodTo)}`;
  const doc = newPdfDocument({
    title: `Rapport RSE ${meta.buyerName} ${period}`,
    author: 'Ancrage',
    creationDate: meta.generatedAt,
    footerRoom: FOOTER_ROOM,
    // Kept until the end to number the pages ("page 2 / 4"): a few pages, so little memory.
    bufferPages: true,
  });

  const file = new OutputFile(path);
  try {
    doc.pipe(file.stream);
    const layout = new PdfLayout(doc, { footerRoom: FOOTER_ROOM });
    titleBlock(doc, meta, period);
    keyFigures(layout, totals, meta);
    categoryTable(layout, totals);
    supplierTable(layout, totals);
    monthlyChart(doc, layout, totals);
    method(layout, totals);
    const pageCount = footers(doc, meta, period);
    doc.end();
    // pdfkit ends the file itself once it has flushed the last page.
    await file.finished();
    return { pageCount };
  } catch (error) {
    await file.discard();
    throw error;
  }
}

function titleBlock(doc: PDFKit.PDFDocument, meta: RseReportMeta, period: string): void {
  doc
    .font('bold')
    .fontSize(20)
    .fillColor(COLORS.text)
    .text('Rapport RSE — transport des achats', LEFT, PAGE.margin, { width: CONTENT_WIDTH });
  doc.font('regular').fontSize(11).text(`Période\u00a0: ${period}`, { width: CONTENT_WIDTH });
  doc.moveDown(0.5);
  doc.font('bold').fontSize(12).text(meta.buyerName, { width: CONTENT_WIDTH });
  const facts = [
    ...(meta.buyerSiret ? [`SIRET\u00a0: ${formatSiret(meta.buyerSiret)}`] : []),
    `Généré le ${formatGeneratedAt(meta.generatedAt)} (heure de Paris) par Ancrage`,
  ];
  doc.font('regular').fontSize(9).fillColor(COLORS.muted).text(facts.join('\n'), { width: CONTENT_WIDTH });
  doc.fillColor(COLORS.text);
  doc.moveDown(0.5);
}

const kg = (value: number, digits = 1) => `${formatNumber(value, digits)} kg`;

function keyFigures(layout: PdfLayout, totals: RseTotals, meta: RseReportMeta): void {
  layout.heading('1. Chiffres clés', { keep: 200 });
  layout.figure('Dépenses HT', formatEuros(totals.spendCents), { font: 'bold' });
  layout.figure(
    `Dépenses auprès de producteurs locaux (${formatNumber(meta.localRadiusKm, 0)} km ou moins)`,
    `${formatEuros(totals.localSpendCents)} — ${formatPercent(shareOf(totals.localSpendCents, totals.spendCents))}`,
  );
  layout.figure(
    'Dépenses en produits labellisés (marque de territoire)',
    `${formatEuros(totals.labelledSpendCents)} — ${formatPercent(shareOf(totals.labelledSpendCents, totals.spendCents))}`,
  );
  layout.figure('Fournisseurs', `${totals.supplierCount}, dont ${totals.localSupplierCount} locaux`);
  layout.figure('Masse transportée', kg(totals.massKg));
  layout.figure('Activité de transport', `${formatNumber(totals.tkm, 2)} t·km`);
  layout.space(4);
  layout.figure('Émissions du transport, du puits à la roue (WTW)', formatKgCo2e(totals.emissionsKgCo2e), {
    font: 'bold',
  });
  layout.figure(
    'dont Scope 3, catégorie 4 (poste BEGES 3.1)\u00a0: véhicules des producteurs et transporteurs',
    formatKgCo2e(totals.scope3Cat4KgCo2e),
    { indent: 12 },
  );
  layout.figure(
    'dont Scope 1 de l’acheteur (poste BEGES 1.2)\u00a0: ses enlèvements, pour information',
    formatKgCo2e(totals.scope1BuyerKgCo2e),
    { indent: 12 },
  );
  layout.figure(
    'Part des émissions issues de données primaires (distances mesurées)',
    formatPercent(totals.primaryDataShare),
  );
  layout.figure(
    'Référence\u00a0: chaîne conventionnelle française, même masse et même catégorie',
    formatKgCo2e(totals.baselineKgCo2e),
  );
  layout.figure('Écart signé (référence − transport réel)', formatKgCo2e(totals.savedKgCo2e, true), { font: 'bold' });
  layout.space(2);
  layout.paragraph(
    'Cet écart est un indicateur comparatif («\u00a0émissions évitées\u00a0», WBCSD 2023)\u00a0: il se présente à part et ne se déduit jamais ' +
      'des émissions du Scope 3. Un écart positif signifie que le transport réel a émis moins que la référence.',
    { size: 8.5, color: COLORS.muted },
  );
  if (totals.savedKgCo2e < 0) layout.paragraph(NEGATIVE_SAVING_NOTE, { font: 'bold', size: 9, color: COLORS.warning });
}

function categoryTable(layout: PdfLayout, totals: RseTotals): void {
  layout.heading('2. Par catégorie de produits');
  const columns: PdfTableColumn[] = [
    { title: 'Catégorie', width: 130, align: 'left' },
    { title: 'Dépenses HT', width: 75, align: 'right' },
    { title: 'Masse (kg)', width: 65, align: 'right' },
    { title: 'Émissions (kgCO2e)', width: 75, align: 'right' },
    { title: 'Référence (kgCO2e)', width: 75, align: 'right' },
    { title: 'Écart (kgCO2e)', width: 75, align: 'right' },
  ];
  const cells = (
    label: string,
    figures: {
      spendCents: number;
      massKg: number;
      emissionsKgCo2e: number;
      baselineKgCo2e: number;
      savedKgCo2e: number;
    },
  ) => [
    label,
    formatEuros(figures.spendCents),
    formatNumber(figures.massKg, 1),
    formatNumber(figures.emissionsKgCo2e, 2),
    formatNumber(figures.baselineKgCo2e, 2),
    formatNumber(figures.savedKgCo2e, 2, true),
  ];
  layout.table(columns, [
    ...totals.byCategory.map((category) => ({ cells: cells(categoryLabel(category.category), category) })),
    { cells: cells('Total', totals), font: 'bold' as const },
  ]);
}

function supplierTable(layout: PdfLayout, totals: RseTotals): void {
  layout.heading(
    totals.bySupplier.length > TOP_SUPPLIERS
      ? `3. Principaux fournisseurs (${TOP_SUPPLIERS} premiers par dépenses)`
      : '3. Fournisseurs',
  );
  const columns: PdfTableColumn[] = [
    { title: 'Fournisseur', width: 160, align: 'left' },
    { title: 'Local', width: 40, align: 'left' },
    { title: 'Dépenses HT', width: 80, align: 'right' },
    { title: 'Masse (kg)', width: 65, align: 'right' },
    { title: 'Émissions (kgCO2e)', width: 75, align: 'right' },
    { title: 'Écart (kgCO2e)', width: 75, align: 'right' },
  ];
  // Sorted here too, so that the table does not depend on the order the totals were built in.
  const suppliers = [...totals.bySupplier].sort(
    (a, b) => b.spendCents - a.spendCents || a.producerName.localeCompare(b.producerName, 'fr'),
  );
  const top = suppliers.slice(0, TOP_SUPPLIERS);
  const others = suppliers.slice(TOP_SUPPLIERS);
  const rows = top.map((supplier) => ({
    cells: [
      supplier.producerSiret
        ? `${supplier.producerName}\n${formatSiret(supplier.producerSiret)}`
        : supplier.producerName,
      supplier.local ? 'oui' : 'non',
      formatEuros(supplier.spendCents),
      formatNumber(supplier.massKg, 1),
      formatNumber(supplier.emissionsKgCo2e, 2),
      formatNumber(supplier.savedKgCo2e, 2, true),
    ],
  }));
  if (others.length) {
    const sum = (pick: (supplier: RseTotals['bySupplier'][number]) => number) =>
      others.reduce((total, supplier) => total + pick(supplier), 0);
    rows.push({
      cells: [
        `Autres (${others.length} fournisseurs)`,
        `${others.filter((supplier) => supplier.local).length} loc.`,
        formatEuros(sum((supplier) => supplier.spendCents)),
        formatNumber(
          sum((supplier) => supplier.massKg),
          1,
        ),
        formatNumber(
          sum((supplier) => supplier.emissionsKgCo2e),
          2,
        ),
        formatNumber(
          sum((supplier) => supplier.savedKgCo2e),
          2,
          true,
        ),
      ],
    });
  }
  layout.table(columns, rows);
}

/** The smallest 1, 2 or 5 × 10^n at or above `value`: round gridline steps. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ?? 10 * power;
}

/** Emissions next to the baseline, month by month, as a bar chart drawn with pdfkit's primitives. */
function monthlyChart(doc: PDFKit.PDFDocument, layout: PdfLayout, totals: RseTotals): void {
  const chart = { height: 150, axisWidth: 60, legendHeight: 18, labelHeight: 16 };
  layout.heading('4. Émissions du transport et référence, par mois (kgCO2e)', {
    keep: chart.legendHeight + chart.height + chart.labelHeight + 10,
  });
  const months = totals.byMonth;
  if (months.length === 0) {
    layout.paragraph('Aucune livraison sur la période.');
    return;
  }
  const top = doc.y + chart.legendHeight;
  const plotLeft = LEFT + chart.axisWidth;
  const plotWidth = CONTENT_WIDTH - chart.axisWidth;
  const bottom = top + chart.height;
  const maximum = niceCeiling(
    Math.max(...months.map((month) => Math.max(month.emissionsKgCo2e, month.baselineKgCo2e))),
  );

  // Legend.
  const legend = (x: number, color: string, label: string) => {
    doc.rect(x, doc.y + 2, 8, 8).fill(color);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(COLORS.text)
      .text(label, x + 12, doc.y, { width: 200, lineBreak: false });
  };
  const legendY = doc.y;
  legend(plotLeft, COLORS.emissions, 'Transport réel (WTW)');
  doc.y = legendY;
  legend(plotLeft + 150, COLORS.baseline, 'Référence conventionnelle');

  // Gridlines and their values.
  const steps = 4;
  for (let step = 0; step <= steps; step++) {
    const value = (maximum * step) / steps;
    const y = bottom - (chart.height * step) / steps;
    doc
      .moveTo(plotLeft, y)
      .lineTo(plotLeft + plotWidth, y)
      .lineWidth(0.5)
      .strokeColor(step === 0 ? COLORS.rule : COLORS.grid)
      .stroke();
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(COLORS.muted)
      .text(formatNumber(value, maximum >= steps * 10 ? 0 : 2), LEFT, y - 4, {
        width: chart.axisWidth - 6,
        align: 'right',
        lineBreak: false,
      });
  }

  // Two bars per month; labels thinned out when months are many, so that they never overlap.
  const slot = plotWidth / months.length;
  const barWidth = Math.min(18, slot * 0.35);
  const labelEvery = Math.ceil(months.length / 13);
  months.forEach((month, index) => {
    const center = plotLeft + slot * index + slot / 2;
    const bar = (value: number, x: number, color: string) => {
      const height = (chart.height * Math.max(0, value)) / maximum;
      if (height > 0) doc.rect(x, bottom - height, barWidth, height).fill(color);
    };
    bar(month.emissionsKgCo2e, center - barWidth - 1, COLORS.emissions);
    bar(month.baselineKgCo2e, center + 1, COLORS.baseline);
    if (index % labelEvery === 0) {
      doc
        .font('regular')
        .fontSize(7)
        .fillColor(COLORS.text)
        .text(formatShortMonth(month.month), center - slot / 2, bottom + 4, {
          width: slot,
          align: 'center',
          lineBreak: false,
        });
    }
  });
  doc.fillColor(COLORS.text);
  doc.x = LEFT;
  doc.y = bottom + chart.labelHeight;
  const highest = months.reduce((best, month) => (month.emissionsKgCo2e > best.emissionsKgCo2e ? month : best));
  layout.paragraph(
    `Mois le plus émetteur\u00a0: ${formatMonth(highest.month)} (${formatKgCo2e(highest.emissionsKgCo2e)}, référence ${formatKgCo2e(highest.baselineKgCo2e)}).`,
    { size: 8.5, color: COLORS.muted },
  );
}

function method(layout: PdfLayout, totals: RseTotals): void {
  const number = (value: number) => formatNumber(value, 2);
  layout.heading('5. Méthode et limites', { keep: 120 });
  const points = [
    'Norme\u00a0: ISO 14083:2023 et GLEC Framework. Émissions = activité de transport (t·km) × intensité du véhicule, ' +
      'du puits à la roue (WTW\u00a0: exploitation du véhicule et production de l’énergie). La fabrication des véhicules et les infrastructures sont exclues.',
    `Distances\u00a0: la distance mesurée (compteur) quand le producteur la déclare\u00a0; sinon la distance routière calculée × ${number(DAF_ROAD)} ` +
      `(facteur d’ajustement de distance, DAF)\u00a0; à défaut, la distance à vol d’oiseau × ${number(CIRCUITY_GCD_TO_ROAD)} (détour routier, estimation) × ${number(DAF_ROAD)}.`,
    'Livraison par le producteur\u00a0: par défaut, un trajet dédié avec retour à vide (hypothèse prudente). Tournées\u00a0: les émissions de la tournée ' +
      'sont réparties entre les commandes au prorata masse × distance (allocation par t·km, ISO 14083). Transporteur\u00a0: masse × distance × ' +
      'intensité par t·km du véhicule, retours à vide inclus.',
    'Véhicule de l’acheteur (enlèvement)\u00a0: ces émissions sont son Scope 1 (poste BEGES 1.2), montrées pour information et exclues du Scope 3.',
    'Facteurs\u00a0: valeurs de niveau 1 de l’arrêté du 10 avril 2012 (annexe II, consommation et chargement moyen retours à vide compris) × ' +
      'gazole 3,17 kgCO2e/L (ADEME Base Carbone). Chaque commande garde les facteurs et la version de méthode de son calcul\u00a0; ' +
      `version(s) utilisée(s) sur la période\u00a0: ${totals.methodVersions.length ? totals.methodVersions.join(', ') : 'aucune'}.`,
    'Référence\u00a0: le même produit d’origine française par une chaîne conventionnelle, par catégorie\u00a0: producteur → plateforme régionale ' +
      '(450 km, ensemble articulé 40 t) → client (150 km, porteur 19 t en groupage), frigorifique pour les produits frais, viandes et ' +
      'produits laitiers (hypothèses de transport d’AGRIBALYSE 3.1).',
    'Périmètre\u00a0: du puits à la roue\u00a0; fabrication des véhicules exclue\u00a0; référence\u00a0: chaîne d’approvisionnement française conventionnelle ' +
      'par catégorie (hypothèses de transport d’AGRIBALYSE 3.1).',
    `Données primaires\u00a0: ${formatPercent(totals.primaryDataShare)} des émissions reposent sur des distances mesurées (ESRS E1 AR 46(g))\u00a0; ` +
      'le reste repose sur des distances estimées.',
    'Émissions évitées\u00a0: l’écart avec la référence est un indicateur comparatif (WBCSD 2023)\u00a0; il ne se déduit jamais du Scope 3.',
    `Limites\u00a0: les circuits courts ne sont pas automatiquement bas carbone (ADEME)\u00a0; le détour routier de ${number(CIRCUITY_GCD_TO_ROAD)} est une estimation\u00a0; ` +
      'les facteurs des VUL frigorifiques et électriques sont estimés\u00a0; les valeurs de 2012 de l’arrêté n’ont pas pu être comparées ' +
      'aux valeurs actuelles de la Base Carbone.',
    VSME_NOTE,
  ];
  for (const point of points) layout.paragraph(`•  ${point}`, { size: 8.5 });
}

/** "Rapport RSE … — page 2 / 4" at the foot of every page; returns the page count. */
function footers(doc: PDFKit.PDFDocument, meta: RseReportMeta, period: string): number {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // The footer sits in the bottom margin: lift the margin while writing it, or pdfkit would start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = PAGE.height - PAGE.margin - 10;
    doc
      .moveTo(LEFT, y - 4)
      .lineTo(LEFT + CONTENT_WIDTH, y - 4)
      .lineWidth(0.5)
      .strokeColor(COLORS.grid)
      .stroke();
    doc.font('regular').fontSize(7.5).fillColor(COLORS.muted);
    doc.text(`Ancrage — Rapport RSE ${meta.buyerName}, ${period}`, LEFT, y, {
      width: CONTENT_WIDTH - 80,
      lineBreak: false,
      ellipsis: true,
    });
    doc.text(`page ${index + 1} / ${range.count}`, LEFT + CONTENT_WIDTH - 80, y, {
      width: 80,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = margin;
  }
  return range.count;
}
