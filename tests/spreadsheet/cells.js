// Reads a CSV as a spreadsheet does (SheetJS, the reader behind many web spreadsheets and exports) and prints each cell:
// its address, its type (n number, s text, b boolean) and whether the spreadsheet took it for a formula.
//   node cells.js FILE.csv    (with NODE_PATH pointing at a folder holding xlsx 0.18.5, as the test installs it)
const XLSX = require("xlsx");
const sheet = XLSX.readFile(process.argv[2], { raw: false }).Sheets.Sheet1;
const cells = Object.keys(sheet).filter(k => !k.startsWith("!"))
  .map(k => ({ address: k, type: sheet[k].t, value: sheet[k].v ?? null, formula: sheet[k].f ?? null }));
process.stdout.write(JSON.stringify(cells));
