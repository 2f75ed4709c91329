import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth';
import { AdminRepository } from './admin.repository';
import { type CertificateDto, EXPIRY_WARNING_DAYS } from './dto/certificates.dto';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The tenant seal and people's signing certificates, with their expiry. */
@Injectable()
export class AdminCertificatesService {
  constructor(private readonly reads: AdminRepository) {}

  async list(auth: AuthContext, now = new Date()): Promise<CertificateDto[]> {
    const warnFrom = now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS;
    return (await this.reads.activeCertificates(auth.tenantId)).map((row) => ({
      id: row.id,
      kind: row.user_id === null ? 'seal' : 'user',
      userId: row.user_id,
      userDisplayName: row.display_name,
      source: row.source,
      subject: row.subject,
      notAfter: row.not_after.toISOString(),
      expiresSoon: row.not_after.getTime() <= warnFrom,
      expired: row.not_after.getTime() <= now.getTime(),
      createdAt: row.created_at.toISOString(),
    }));
  }
}
