import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { regionLikePattern } from '@app/core';

/** What an enterprise holds: files and bytes, and whether it holds one file already. */
export interface Holdings {
  files: number;
  bytes: number;
  holds: boolean;
}

/**
 * `evidence_files` (one row per stored file, by content hash) and
 * `evidence_uploads` (who uploaded which file): every statement on them, and
 * the reads that check them against the files an application cites.
 */
@Injectable()
export class EvidenceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records the file and its uploader (both idempotent), in the caller's transaction. */
  async recordUpload(
    m: EntityManager,
    f: { sha256: string; size: number; contentType: string; uscc: string; at: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO evidence_files (sha256, size, content_type, created_at) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE sha256 = sha256`,
      [f.sha256, f.size, f.contentType, f.at],
    );
    await m.query(
      `INSERT INTO evidence_uploads (sha256, uploaded_by_uscc, created_at) VALUES (?, ?, ?)
       ON DUPLICATE KEY UPDATE sha256 = sha256`,
      [f.sha256, f.uscc, f.at],
    );
  }

  async holdings(m: EntityManager, uscc: string, sha256 = ''): Promise<Holdings> {
    const [held]: {
      files: string | number;
      bytes: string | number | null;
      has: string | number;
    }[] = await m.query(
      `SELECT COUNT(*) AS files, SUM(f.size) AS bytes, SUM(f.sha256 = ?) AS has
           FROM evidence_uploads u JOIN evidence_files f ON f.sha256 = u.sha256
          WHERE u.uploaded_by_uscc = ?`,
      [sha256, uscc],
    );
    return {
      files: Number(held.files),
      bytes: Number(held.bytes ?? 0),
      holds: Number(held.has ?? 0) > 0,
    };
  }

  async file(sha256: string): Promise<{ size: number; contentType: string } | undefined> {
    const [row]: { size: number; content_type: string }[] = await this.db.query(
      'SELECT size, content_type FROM evidence_files WHERE sha256 = ?',
      [sha256],
    );
    return row && { size: Number(row.size), contentType: row.content_type };
  }

  /** Those of `hashes` the enterprise uploaded. */
  async uploadedBy(m: EntityManager, uscc: string, hashes: string[]): Promise<Set<string>> {
    const rows: { sha256: string }[] = await m.query(
      'SELECT sha256 FROM evidence_uploads WHERE uploaded_by_uscc = ? AND sha256 IN (?)',
      [uscc, hashes],
    );
    return new Set(rows.map((r) => r.sha256));
  }

  /** Whether an application visible in `region` (registration or authority) cites the file. */
  async citedWithin(sha256: string, region: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM repair_evidence ev JOIN repair_applications a ON a.id = ev.application_id
        WHERE ev.sha256 = ? AND (a.region_code LIKE ? OR a.authority_region LIKE ?) LIMIT 1`,
      [sha256, regionLikePattern(region), regionLikePattern(region)],
    );
    return rows.length > 0;
  }

  /**
   * Forgets uploads older than `cutoff` that no application of their uploader
   * cites, then locks and deletes the file rows nothing refers to any more;
   * returns how many uploads went and which files to remove from disk.
   */
  async removeUnreferenced(
    m: EntityManager,
    cutoff: Date,
  ): Promise<{ uploads: number; files: string[] }> {
    const result = await m.query(
      `DELETE FROM evidence_uploads
        WHERE created_at < ?
          AND NOT EXISTS (
            SELECT 1 FROM repair_evidence ev
              JOIN repair_applications a ON a.id = ev.application_id
             WHERE ev.sha256 = evidence_uploads.sha256
               AND a.uscc = evidence_uploads.uploaded_by_uscc)`,
      [cutoff],
    );
    const orphans: { sha256: string }[] = await m.query(
      `SELECT f.sha256 FROM evidence_files f
        WHERE NOT EXISTS (SELECT 1 FROM evidence_uploads u WHERE u.sha256 = f.sha256)
          AND NOT EXISTS (SELECT 1 FROM repair_evidence ev WHERE ev.sha256 = f.sha256)
        FOR UPDATE`,
    );
    const files = orphans.map((o) => o.sha256);
    if (files.length > 0) await m.query('DELETE FROM evidence_files WHERE sha256 IN (?)', [files]);
    return { uploads: Number(result?.affectedRows ?? 0), files };
  }
}
