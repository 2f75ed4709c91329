export { createSoftwareSigner, type SoftwareSignerOptions } from './software-signer';
export { readPkcs12, Pkcs12PasswordError, type Pkcs12Contents } from './pkcs12-reader';
export { orderChain } from './chain-order';
export { Pkcs11Module, ecdsaRawToDer, type Pkcs11SignerOptions, type Pkcs11TokenSelector, type Pkcs11KeySelector } from './pkcs11-signer';
