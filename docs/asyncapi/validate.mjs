// Validates an AsyncAPI document with the official parser (schema, references, Spectral rules).
// Prints every diagnostic; exits 1 when any has severity error, or when the document cannot be parsed.
// Usage: node validate.mjs [path]   (default: ../asyncapi.yaml beside this folder)
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Parser, fromFile, DiagnosticSeverity } from '@asyncapi/parser';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = path.resolve(process.argv[2] ?? path.join(here, '..', 'asyncapi.yaml'));
const names = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info', [DiagnosticSeverity.Hint]: 'hint' };

const { document, diagnostics } = await fromFile(new Parser(), file).parse();
for (const d of diagnostics) {
  const where = d.path && d.path.length ? d.path.join('.') : '(document)';
  console.log(`${names[d.severity] ?? d.severity} ${d.code} at ${where}: ${d.message}`);
}
const errors = diagnostics.filter(d => d.severity === DiagnosticSeverity.Error).length;
if (!document || errors > 0) {
  console.log(`INVALID: ${file} (${errors} error(s))`);
  process.exit(1);
}
console.log(`VALID: ${file} (AsyncAPI ${document.version()}, ${document.channels().length} channels, `
  + `${document.operations().length} operations, ${document.components().messages().length} messages; `
  + `${diagnostics.length} non-error diagnostic(s))`);
