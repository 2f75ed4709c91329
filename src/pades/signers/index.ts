export { createSoftwareSigner, type SoftwareSignerOptions } from './software-signer';
export { readPkcs12, Pkcs12PasswordError, type Pkcs12Contents } from './pkcs12-reader';
export { orderChain } from './chain-order';
