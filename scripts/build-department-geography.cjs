// Builds libs/territory/src/gazetteer/data/department-geography.json from a commune coordinates CSV
// (usage: node scripts/build-department-geography.cjs ../shared/data/communes-coordinates.csv).
// For each département: the mean of its communes' coordinates (the DEPARTMENT-precision fallback of an address)
// and the box around them, widened by BOX_MARGIN_DEGREES (to accept an address between the outermost commune
// centres and the border). The CSV is Licence Ouverte data (see ../shared/data/PROVENANCE.md); only these
// aggregates are committed.
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('csv-parse/sync');

const BOX_MARGIN_DEGREES = 0.3;
const file = process.argv[2];
if (!file) throw new Error('Usage: node scripts/build-department-geography.cjs <communes.csv>');

const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true });
const byDepartment = new Map();
const seen = new Set();
for (const row of rows) {
  if (seen.has(row.insee)) continue; // one row per postal code: count each commune once
  seen.add(row.insee);
  const latitude = Number(row.latitude);
  const longitude = Number(row.longitude);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
  const entry = byDepartment.get(row.department) ?? {
    count: 0,
    latSum: 0,
    lonSum: 0,
    minLat: 90,
    maxLat: -90,
    minLon: 180,
    maxLon: -180,
  };
  entry.count++;
  entry.latSum += latitude;
  entry.lonSum += longitude;
  entry.minLat = Math.min(entry.minLat, latitude);
  entry.maxLat = Math.max(entry.maxLat, latitude);
  entry.minLon = Math.min(entry.minLon, longitude);
  entry.maxLon = Math.max(entry.maxLon, longitude);
  byDepartment.set(row.department, entry);
}

const round = (value) => Math.round(value * 1e5) / 1e5;
const departments = Object.fromEntries(
  [...byDepartment.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, e]) => [
      code,
      {
        communes: e.count,
        centroid: { latitude: round(e.latSum / e.count), longitude: round(e.lonSum / e.count) },
        box: {
          south: round(e.minLat - BOX_MARGIN_DEGREES),
          north: round(e.maxLat + BOX_MARGIN_DEGREES),
          west: round(e.minLon - BOX_MARGIN_DEGREES),
          east: round(e.maxLon + BOX_MARGIN_DEGREES),
        },
      },
    ]),
);
const out = path.join(__dirname, '..', 'libs', 'territory', 'src', 'gazetteer', 'data', 'department-geography.json');
fs.writeFileSync(
  out,
  `${JSON.stringify(
    {
      source:
        'Mean and extent of commune coordinates per département, from the communes CSV of ../shared/data (INSEE COG 2024, La Poste, Licence Ouverte); built by scripts/build-department-geography.cjs',
      boxMarginDegrees: BOX_MARGIN_DEGREES,
      departments,
    },
    null,
    1,
  )}\n`,
);
console.log(`Wrote ${Object.keys(departments).length} départements to ${out}`);
