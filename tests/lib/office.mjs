// Opening our .docx and .xlsx files as a user's office program would:
// LibreOffice headless converts them to PDF (it fails on a broken file), and
// pdftotext reads the PDF's text back.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import assert from 'node:assert/strict';

// The PDF text of `file`, converted next to it. LibreOffice takes long to start
// on a busy machine, so it runs without blocking the event loop: the HTTP
// client's idle keep-alive sockets then expire as they should, instead of being
// reused after the server has closed them.
export async function pdfTextOf(file) {
  const dir = dirname(file);
  const profile = join(dir, `lo-profile-${process.pid}`);
  await promisify(execFile)('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf',
    '--outdir', dir, file], { timeout: 180000 });
  const pdf = file.replace(/\.[a-z]+$/, '.pdf');
  assert.ok(existsSync(pdf), `LibreOffice made no PDF of ${file}`);
  const txt = pdf.replace(/\.pdf$/, '.txt');
  execFileSync('pdftotext', [pdf, txt]);
  return readFileSync(txt, 'utf8');
}
