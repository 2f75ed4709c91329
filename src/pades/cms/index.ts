export { buildSignedAttributes, type SignedAttributesInput } from './signed-attributes';
export { buildSignedData, type SignedDataInput } from './signed-data';
export { parseCms, cmsHash, type ParsedCms, type ParsedSignatureAlgorithm } from './parse';
export { verifyCmsSignature } from './verify';
export { verifyChain, type ChainVerification } from './chain';
export { type CmsHashAlgorithm, nodeHash } from './algorithms';
export { OID } from './oids';
