/**
 * The csv-spectrum test cases (github.com/max-mapper/csv-spectrum, BSD-2-Clause): each file's text and
 * the rows it must read to. Where csv-spectrum expects an empty string, the playground reads a missing
 * value (null), as it does for every empty cell.
 */
export interface SpectrumCase {
  file: string;
  text: string;
  columns: string[];
  rows: (string | null)[][];
}

const crlf = (text: string) => text.replaceAll('\n', '\r\n');

const simple = 'a,b,c\n1,2,3\n';
const empty = 'a,b,c\n1,"",""\n2,3,4';
const newlines = 'a,b,c\n1,2,3\n"Once upon \na time",5,6\n7,8,9\n';

export const CSV_SPECTRUM: SpectrumCase[] = [
  {
    file: 'comma_in_quotes.csv',
    text: 'first,last,address,city,zip\nJohn,Doe,120 any st.,"Anytown, WW",08123',
    columns: ['first', 'last', 'address', 'city', 'zip'],
    rows: [['John', 'Doe', '120 any st.', 'Anytown, WW', '08123']],
  },
  {
    file: 'empty.csv',
    text: empty,
    columns: ['a', 'b', 'c'],
    rows: [
      ['1', null, null],
      ['2', '3', '4'],
    ],
  },
  {
    file: 'empty_crlf.csv',
    text: crlf(empty),
    columns: ['a', 'b', 'c'],
    rows: [
      ['1', null, null],
      ['2', '3', '4'],
    ],
  },
  {
    file: 'escaped_quotes.csv',
    text: 'a,b\n1,"ha ""ha"" ha"\n3,4\n',
    columns: ['a', 'b'],
    rows: [
      ['1', 'ha "ha" ha'],
      ['3', '4'],
    ],
  },
  {
    file: 'json.csv',
    text: 'key,val\n1,"{""type"": ""Point"", ""coordinates"": [102.0, 0.5]}"\n',
    columns: ['key', 'val'],
    rows: [['1', '{"type": "Point", "coordinates": [102.0, 0.5]}']],
  },
  {
    file: 'location_coordinates.csv',
    text:
      'Contact Phone Number,Location Coordinates,Cities,Counties\n' +
      '2095257564,37\uFFFD36\'37.8"N 121\uFFFD2\'17.9"W,Modesto,Stanislaus',
    columns: ['Contact Phone Number', 'Location Coordinates', 'Cities', 'Counties'],
    rows: [['2095257564', '37\uFFFD36\'37.8"N 121\uFFFD2\'17.9"W', 'Modesto', 'Stanislaus']],
  },
  {
    file: 'newlines.csv',
    text: newlines,
    columns: ['a', 'b', 'c'],
    rows: [
      ['1', '2', '3'],
      ['Once upon \na time', '5', '6'],
      ['7', '8', '9'],
    ],
  },
  {
    // A quoted CR LF is read as LF, like every line break.
    file: 'newlines_crlf.csv',
    text: crlf(newlines),
    columns: ['a', 'b', 'c'],
    rows: [
      ['1', '2', '3'],
      ['Once upon \na time', '5', '6'],
      ['7', '8', '9'],
    ],
  },
  {
    file: 'quotes_and_newlines.csv',
    text: 'a,b\n1,"ha \n""ha"" \nha"\n3,4\n',
    columns: ['a', 'b'],
    rows: [
      ['1', 'ha \n"ha" \nha'],
      ['3', '4'],
    ],
  },
  { file: 'simple.csv', text: simple, columns: ['a', 'b', 'c'], rows: [['1', '2', '3']] },
  { file: 'simple_crlf.csv', text: crlf(simple), columns: ['a', 'b', 'c'], rows: [['1', '2', '3']] },
  {
    file: 'utf8.csv',
    text: 'a,b,c\n1,2,3\n4,5,ʤ',
    columns: ['a', 'b', 'c'],
    rows: [
      ['1', '2', '3'],
      ['4', '5', 'ʤ'],
    ],
  },
];
