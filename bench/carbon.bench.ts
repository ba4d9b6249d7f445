import { greatCircleKm, supplierOrderFootprint, type SupplierOrderCarbonInput } from '@app/carbon';
import { median, type BenchFigure } from './bench-figures';

/** Guéret → Limoges, 12 kg of vegetables in the producer's van: the most common single-line supplier order. */
const ONE_LINE: SupplierOrderCarbonInput = {
  lines: [{ massKg: 12, category: 'FRESH_VEGETABLES', intermediaries: 0 }],
  producerLocation: { latitude: 46.15847, longitude: 1.87047 },
  deliveryLocation: { latitude: 45.85668, longitude: 1.22604 },
  deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
};

function perSecond(iterations: number, work: (index: number) => number): number {
  let sink = 0;
  const started = process.hrtime.bigint();
  for (let index = 0; index < iterations; index++) sink += work(index);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the work from being optimised away');
  return iterations / seconds;
}

/**
 * PRODUCT.md §6: one line's footprint ≥ 1,000,000 per second in-process. The floor is the bare great-circle distance
 * (the method's first step) in the same loop: what the machine does with no method around it.
 */
export function carbonBenchmark(runs = 5, iterations = 2_000_000): BenchFigure {
  // Vary the delivery point a little so that nothing is constant-folded.
  const inputs = Array.from({ length: 1024 }, (_, index) => ({
    ...ONE_LINE,
    deliveryLocation: { latitude: 45.85668 + index * 1e-4, longitude: 1.22604 },
  }));
  perSecond(200_000, (index) => supplierOrderFootprint(inputs[index & 1023]).emissionsKgCo2e); // warm-up
  const figures: number[] = [];
  const floors: number[] = [];
  for (let run = 0; run < runs; run++) {
    figures.push(perSecond(iterations, (index) => supplierOrderFootprint(inputs[index & 1023]).emissionsKgCo2e));
    floors.push(
      perSecond(iterations, (index) =>
        greatCircleKm(inputs[index & 1023].producerLocation, inputs[index & 1023].deliveryLocation),
      ),
    );
  }
  return {
    scenario: 'Carbon footprint of one line (in-process)',
    unit: 'footprints/s',
    figure: median(figures),
    floor: median(floors),
    target: 1_000_000,
    higherIsBetter: true,
    runs,
  };
}
