import { CoordinatesFileError, readCoordinatesFile } from './coordinates-file';
import { Gazetteer } from './gazetteer';

const gazetteer = Gazetteer.load();

describe('readCoordinatesFile', () => {
  it('recognises the data.gouv.fr headers, a BOM, codes that lost their leading zero, and decimal commas', () => {
    const file = readCoordinatesFile(
      '\uFEFFINSEE_COM;Latitude_centre;LNG\n1001;46,1517;4,9306\n23096;46.15847;1.87047\n',
      gazetteer,
    );
    expect(file.centres).toEqual([
      { inseeCode: '01001', latitude: 46.1517, longitude: 4.9306 },
      { inseeCode: '23096', latitude: 46.15847, longitude: 1.87047 },
    ]);
  });

  it("gives a former commune's row to its successor only when the successor has none of its own", () => {
    const onlyFormer = readCoordinatesFile('insee,lat,lon\n87010,45.80,1.20\n', gazetteer);
    expect(onlyFormer.centres).toEqual([{ inseeCode: '87085', latitude: 45.8, longitude: 1.2 }]);
    const both = readCoordinatesFile('insee,lat,lon\n87010,45.80,1.20\n87085,45.85668,1.22604\n', gazetteer);
    expect(both.centres).toEqual([{ inseeCode: '87085', latitude: 45.85668, longitude: 1.22604 }]);
  });

  it('counts unusable rows and unknown codes instead of loading them', () => {
    const file = readCoordinatesFile('insee,lat,lon\n23096,,1.8\n23096,abc,1.8\n99999,45,2\n23096,95,1.8\n', gazetteer);
    expect(file).toEqual({ centres: [], rowCount: 4, unmatchedCodes: ['99999'], invalidRows: 3 });
  });

  it.each([
    ['name,lat,lon\nx,1,2\n', 'no INSEE code column'],
    ['insee,lon\n23096,2\n', 'no latitude column'],
    ['insee,lat\n23096,2\n', 'no longitude column'],
    ['', 'empty'],
  ])('refuses %j', (text, message) => {
    expect(() => readCoordinatesFile(text, gazetteer)).toThrow(CoordinatesFileError);
    expect(() => readCoordinatesFile(text, gazetteer)).toThrow(message);
  });
});
