import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DataSource, type EntityManager } from 'typeorm';
import { BlobStore } from '../../src/modules/documents/blob-store';
import { Document, DocumentRole } from '../../src/modules/documents/document.entity';
import { DocumentVersion } from '../../src/modules/documents/document-version.entity';
import { FolderStatus, Quorum, StepKind, StepStatus } from '../../src/modules/folders/folder-state-machine';
import { FolderStep } from '../../src/modules/folders/folder-step.entity';
import { Folder } from '../../src/modules/folders/folder.entity';
import { SignatureTask } from '../../src/modules/folders/signature-task.entity';
import { createNssDb, runPdfsig, type PdfsigSignature } from '../helpers/pdfsig';
import { processScratchDir } from '../helpers/scratch';

/** A one-page PDF with a line of text (fast to sign and to check). */
export async function onePagePdf(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawText(text, { x: 72, y: 760, size: 14, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

export interface SeededFolder {
  folderId: string;
  stepIds: string[];
  documentIds: string[];
}

export interface SeedStep {
  kind?: StepKind;
  deskIds: string[];
  quorum?: Quorum;
}

/**
 * An in-progress folder whose first step is active, with its main documents at version 1, written
 * straight to the folders and documents tables (stands in for create + start until the folders API
 * exists).
 */
export async function seedFolderInProgress(app: INestApplicationContext, tenantId: string, steps: SeedStep[], pdfs: Buffer[], typologyId: string = randomUUID()): Promise<SeededFolder> {
  return app.get(DataSource).transaction(async (manager) => {
    const folder = await manager.getRepository(Folder).save(manager.getRepository(Folder).create({
      tenantId, typologyId, circuitVersionId: null, title: `Délibération ${randomUUID().slice(0, 8)}`, externalId: null,
      metadata: {}, status: FolderStatus.InProgress, currentStep: 1, dueAt: null, createdByUserId: null, createdByApiKeyId: null,
      finishedReason: null, finishedAt: null,
    }));
    const stepRows = await manager.getRepository(FolderStep).save(steps.map((step, i) => manager.getRepository(FolderStep).create({
      tenantId, folderId: folder.id, position: i + 1, kind: step.kind ?? StepKind.Signature, name: null, deskIds: step.deskIds,
      quorum: step.quorum ?? Quorum.Any, status: i === 0 ? StepStatus.Active : StepStatus.Pending, round: 1, activatedAt: i === 0 ? new Date() : null, completedAt: null,
    })));
    const documentIds: string[] = [];
    for (const [position, pdf] of pdfs.entries()) documentIds.push(await addMainDocument(app, manager, tenantId, folder.id, position, pdf));
    return { folderId: folder.id, stepIds: stepRows.map((s) => s.id), documentIds };
  });
}

async function addMainDocument(app: INestApplicationContext, manager: EntityManager, tenantId: string, folderId: string, position: number, pdf: Buffer): Promise<string> {
  const document = await manager.getRepository(Document).save(manager.getRepository(Document).create({
    tenantId, folderId, role: DocumentRole.Main, fileName: `document-${position + 1}.pdf`, contentType: 'application/pdf', position,
  }));
  const blob = await app.get(BlobStore).put(manager, tenantId, pdf, 'application/pdf');
  await manager.getRepository(DocumentVersion).save(manager.getRepository(DocumentVersion).create({
    tenantId, documentId: document.id, version: 1, blobId: blob.id, sha256: blob.sha256, size: String(blob.size), signature: null,
  }));
  return document.id;
}

/** The latest version of a document: its number and bytes. */
export async function latestVersion(app: INestApplicationContext, tenantId: string, documentId: string): Promise<{ version: number; pdf: Buffer }> {
  const dataSource = app.get(DataSource);
  const latest = await dataSource.getRepository(DocumentVersion).findOneOrFail({ where: { tenantId, documentId }, order: { version: 'DESC' } });
  const pdf = await app.get(BlobStore).get(dataSource.manager, tenantId, latest.blobId);
  if (!pdf) throw new Error(`blob of version ${latest.version} is missing`);
  return { version: latest.version, pdf };
}

export async function versionCount(app: INestApplicationContext, documentId: string): Promise<number> {
  return app.get(DataSource).getRepository(DocumentVersion).countBy({ documentId });
}

export async function taskStatuses(app: INestApplicationContext, taskIds: string[]): Promise<Array<{ id: string; status: string; error: string | null }>> {
  const rows = await app.get(DataSource).getRepository(SignatureTask).findBy(taskIds.map((id) => ({ id })));
  return rows.map((row) => ({ id: row.id, status: row.status, error: row.error }));
}

/** pdfsig's verdict on a PDF, with an NSS database trusting the root(s). */
export async function pdfsigVerdict(pdf: Buffer, rootPems: string | string[], name = randomUUID()): Promise<PdfsigSignature[]> {
  const nss = await nssDbFor(Array.isArray(rootPems) ? rootPems : [rootPems]);
  const file = join(processScratchDir(), `${name}.pdf`);
  await writeFile(file, pdf);
  return runPdfsig(file, nss);
}

const nssDbs = new Map<string, Promise<string>>();

function nssDbFor(rootPems: string[]): Promise<string> {
  const key = rootPems.join('');
  let db = nssDbs.get(key);
  if (!db) {
    db = createNssDb(rootPems);
    nssDbs.set(key, db);
  }
  return db;
}
