import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, withTempDir } from './exec';

/**
 * The images poppler finds once the annotations (visible signature stamps live in widget
 * appearances) are flattened into the page by qpdf: the rows of `pdfimages -list`.
 */
export async function imagesOnPage(pdf: Buffer): Promise<string[]> {
  return withTempDir('stamp-images-', async (dir) => {
    await writeFile(join(dir, 'in.pdf'), pdf);
    const flattened = await run('qpdf', ['--flatten-annotations=all', join(dir, 'in.pdf'), join(dir, 'flat.pdf')]);
    if (flattened.status !== 0 && flattened.status !== 3) throw new Error(`qpdf failed: ${flattened.stderr}`);
    const listed = await run('pdfimages', ['-list', join(dir, 'flat.pdf')]);
    return listed.stdout.split('\n').slice(2).filter((line) => line.trim() !== '');
  });
}
