import { ColumnCell, type TableColumn } from '../charts/ChartTable';
import { kgCo2e } from '../../lib/format';
import { footprintTone, footprintVerdict } from '../../lib/footprint';

const toneClass = (savedKgCo2e: number): string | undefined => {
  const tone = footprintTone(savedKgCo2e);
  return tone === 'saving' ? 'saving--positive' : tone === 'loss' ? 'saving--negative' : undefined;
};

/** A signed difference in words, for a table's cell: "56,64 kg CO₂e de plus" — a loss never in the saving's colour. */
export function DifferenceCell({ savedKgCo2e, column }: { savedKgCo2e: number; column: TableColumn }) {
  const tone = footprintTone(savedKgCo2e);
  const words =
    tone === 'saving'
      ? `${kgCo2e(savedKgCo2e)} de moins`
      : tone === 'loss'
        ? `${kgCo2e(-savedKgCo2e)} de plus`
        : 'autant';
  return (
    <ColumnCell column={column}>
      <span className={toneClass(savedKgCo2e)}>{words}</span>
    </ColumnCell>
  );
}

/**
 * The period's difference with the conventional chain said plainly (WEB.md §2): a saving as a saving, a loss as a
 * loss with what would shrink it — never a green badge on a loss — and the rule of avoided emissions: reported
 * apart, never deducted from an inventory.
 */
export function CarbonVerdict({
  savedKgCo2e,
  subject,
  remedies,
}: {
  savedKgCo2e: number;
  subject: string;
  remedies: string;
}) {
  return (
    <div className="carbon-verdict">
      <p className={toneClass(savedKgCo2e)}>{footprintVerdict(savedKgCo2e, subject)}</p>
      {footprintTone(savedKgCo2e) === 'loss' ? <p>{remedies}</p> : null}
      <p className="small muted">
        Cet écart est un chiffre comparatif (émissions évitées au sens du WBCSD, 2023)&nbsp;: il se déclare à part et ne
        se déduit jamais d’un bilan d’émissions.
      </p>
    </div>
  );
}
