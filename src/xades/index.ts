/**
 * XAdES signatures of PES V2 (Hélios) flows, framework-free: safe XML reading, exclusive c14n,
 * enveloped signatures per bordereau or of the whole flow, spliced into the original bytes.
 */
export * from './errors';
export { canonicalize } from './exc-c14n';
export * from './pes';
export { DEFAULT_XML_LIMITS, parseXmlBytes, type ParsedXml, type XmlEncoding, type XmlLimits } from './safe-xml';
export * from './sign-pes';
export { HELIOS_POLICY, type ProductionPlace, XADES_111_NS } from './xades-properties';
