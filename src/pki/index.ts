export * from './types';
export { generatePki, certificateFromPem, DEFAULT_PKI_SIGNERS } from './generate-pki';
export { toPkcs12, type Pkcs12Options } from './pkcs12';
export { derToPem } from './keys';
export { writeDevPki, DEV_PKI_PASSWORD, type DevPkiResult } from './dev-pki-files';
