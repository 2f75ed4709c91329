import { escapeXml } from './xml';
import { IPARAPHEUR_NS, XMLMIME_NS } from './envelope';

/** Operations this endpoint serves, each with its request and response element (described in the schema below). */
export const WSDL_OPERATIONS = [
  'echo', 'GetListeTypes', 'GetListeSousTypes', 'CreerDossier', 'GetHistoDossier', 'GetDossier',
  'ArchiverDossier', 'EffacerDossierRejete', 'ExercerDroitRemordDossier',
  'RechercherDossiers', 'GetCircuit', 'GetListeMetaDonnees', 'GetMetaDonneesRequisesPourTypeSoustype',
] as const;

const SCHEMA = `
<xs:schema targetNamespace="${IPARAPHEUR_NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${IPARAPHEUR_NS}" xmlns:xmime="${XMLMIME_NS}" elementFormDefault="qualified">
  <xs:complexType name="TypeDoc"><xs:simpleContent><xs:extension base="xs:base64Binary"><xs:attribute ref="xmime:contentType" use="optional"/></xs:extension></xs:simpleContent></xs:complexType>
  <xs:complexType name="MessageRetour"><xs:sequence>
    <xs:element name="codeRetour" type="xs:string"/><xs:element name="message" type="xs:string"/><xs:element name="severite" type="xs:string"/>
  </xs:sequence></xs:complexType>
  <xs:complexType name="DocAnnexe"><xs:sequence>
    <xs:element name="nom" type="xs:string"/><xs:element name="fichier" type="tns:TypeDoc"/>
    <xs:element name="mimetype" type="xs:string"/><xs:element name="encoding" type="xs:string"/>
    <xs:element name="signature" type="tns:TypeDoc" minOccurs="0"/>
  </xs:sequence></xs:complexType>
  <xs:complexType name="TypeDocAnnexes"><xs:sequence><xs:element name="DocAnnexe" type="tns:DocAnnexe" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
  <xs:complexType name="MetaDonnee"><xs:sequence><xs:element name="nom" type="xs:string"/><xs:element name="valeur" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:complexType name="TypeMetaDonnees"><xs:sequence><xs:element name="MetaDonnee" type="tns:MetaDonnee" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
  <xs:complexType name="LogDossier"><xs:sequence>
    <xs:element name="timestamp" type="xs:dateTime"/><xs:element name="nom" type="xs:string"/>
    <xs:element name="status" type="xs:string"/><xs:element name="annotation" type="xs:string"/>
  </xs:sequence></xs:complexType>
  <xs:complexType name="AvecMessageRetour"><xs:sequence><xs:element name="MessageRetour" type="tns:MessageRetour" minOccurs="0"/></xs:sequence></xs:complexType>
  <xs:complexType name="DemandeSurDossier"><xs:sequence><xs:element name="DossierID" type="xs:string"/></xs:sequence></xs:complexType>

  <xs:element name="echoRequest" type="xs:string"/>
  <xs:element name="echoResponse" type="xs:string"/>
  <xs:element name="GetListeTypesRequest" type="xs:string"/>
  <xs:element name="GetListeTypesResponse"><xs:complexType><xs:sequence>
    <xs:element name="TypeTechnique" type="xs:string" minOccurs="0" maxOccurs="unbounded"/><xs:element name="MessageRetour" type="tns:MessageRetour" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="GetListeSousTypesRequest" type="xs:string"/>
  <xs:element name="GetListeSousTypesResponse"><xs:complexType><xs:sequence>
    <xs:element name="SousType" type="xs:string" minOccurs="0" maxOccurs="unbounded"/><xs:element name="MessageRetour" type="tns:MessageRetour" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="CreerDossierRequest"><xs:complexType><xs:sequence>
    <xs:element name="TypeTechnique" type="xs:string"/><xs:element name="SousType" type="xs:string"/>
    <xs:element name="EmailEmetteur" type="xs:string" minOccurs="0"/>
    <xs:element name="DossierID" type="xs:string"/><xs:element name="DossierTitre" type="xs:string" minOccurs="0"/>
    <xs:element name="DocumentPrincipal" type="tns:TypeDoc"/><xs:element name="NomDocPrincipal" type="xs:string" minOccurs="0"/>
    <xs:element name="SignatureDocPrincipal" type="tns:TypeDoc" minOccurs="0"/><xs:element name="VisuelPDF" type="tns:TypeDoc" minOccurs="0" nillable="true"/>
    <xs:element name="DocumentsSupplementaires" type="tns:TypeDocAnnexes" minOccurs="0"/>
    <xs:element name="DocumentsAnnexes" type="tns:TypeDocAnnexes" minOccurs="0"/>
    <xs:element name="MetaData" type="tns:TypeMetaDonnees" minOccurs="0"/>
    <xs:element name="XPathPourSignatureXML" type="xs:string" minOccurs="0" nillable="true"/>
    <xs:element name="AnnotationPublique" type="xs:string" minOccurs="0" nillable="true"/>
    <xs:element name="AnnotationPrivee" type="xs:string" minOccurs="0" nillable="true"/>
    <xs:element name="Visibilite" type="xs:string" minOccurs="0"/>
    <xs:element name="DateLimite" type="xs:string" minOccurs="0" nillable="true"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="CreerDossierResponse"><xs:complexType><xs:sequence>
    <xs:element name="MessageRetour" type="tns:MessageRetour"/><xs:element name="DossierID" type="xs:string" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="GetHistoDossierRequest" type="xs:string"/>
  <xs:element name="GetHistoDossierResponse"><xs:complexType><xs:sequence>
    <xs:element name="LogDossier" type="tns:LogDossier" minOccurs="0" maxOccurs="unbounded"/><xs:element name="MessageRetour" type="tns:MessageRetour" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="GetDossierRequest" type="xs:string"/>
  <xs:element name="GetDossierResponse"><xs:complexType><xs:sequence>
    <xs:element name="TypeTechnique" type="xs:string" minOccurs="0"/><xs:element name="SousType" type="xs:string" minOccurs="0"/>
    <xs:element name="DossierID" type="xs:string" minOccurs="0"/><xs:element name="FichierPES" type="tns:TypeDoc" minOccurs="0"/>
    <xs:element name="VisuelPDF" type="tns:TypeDoc" minOccurs="0"/>
    <xs:element name="AnnotationPublique" type="xs:string" minOccurs="0"/><xs:element name="AnnotationPrivee" type="xs:string" minOccurs="0"/>
    <xs:element name="DateLimite" type="xs:string" minOccurs="0"/>
    <xs:element name="DocPrincipal" type="tns:TypeDoc" minOccurs="0"/><xs:element name="NomDocPrincipal" type="xs:string" minOccurs="0"/>
    <xs:element name="SignatureDocPrincipal" type="tns:TypeDoc" minOccurs="0"/>
    <xs:element name="DocumentsAnnexes" type="tns:TypeDocAnnexes" minOccurs="0"/>
    <xs:element name="MetaDonnees" type="tns:TypeMetaDonnees" minOccurs="0"/>
    <xs:element name="MessageRetour" type="tns:MessageRetour" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="ArchiverDossierRequest"><xs:complexType><xs:sequence>
    <xs:element name="DossierID" type="xs:string"/><xs:element name="ArchivageAction" type="xs:string" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="ArchiverDossierResponse" type="tns:AvecMessageRetour"/>
  <xs:element name="EffacerDossierRejeteRequest" type="xs:string"/>
  <xs:element name="EffacerDossierRejeteResponse" type="tns:AvecMessageRetour"/>
  <xs:element name="ExercerDroitRemordDossierRequest" type="xs:string"/>
  <xs:element name="ExercerDroitRemordDossierResponse" type="tns:AvecMessageRetour"/>
  <xs:complexType name="TypeEtSousType"><xs:sequence><xs:element name="TypeTechnique" type="xs:string"/><xs:element name="SousType" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:complexType name="MetaDonneeDefinition"><xs:sequence>
    <xs:element name="nomCourt" type="xs:string"/><xs:element name="nomLong" type="xs:string"/><xs:element name="nature" type="xs:string"/>
    <xs:element name="obligatoire" type="xs:boolean" minOccurs="0"/><xs:element name="valeurPossible" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
  </xs:sequence></xs:complexType>
  <xs:element name="RechercherDossiersRequest"><xs:complexType><xs:sequence>
    <xs:element name="TypeTechnique" type="xs:string" minOccurs="0"/><xs:element name="SousType" type="xs:string" minOccurs="0"/>
    <xs:element name="Status" type="xs:string" minOccurs="0"/><xs:element name="NombreDossiers" type="xs:integer" minOccurs="0"/>
    <xs:element name="DossierID" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="RechercherDossiersResponse"><xs:complexType><xs:sequence>
    <xs:element name="LogDossier" type="tns:LogDossier" minOccurs="0" maxOccurs="unbounded"/><xs:element name="MessageRetour" type="tns:MessageRetour" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="GetCircuitRequest" type="tns:TypeEtSousType"/>
  <xs:element name="GetCircuitResponse"><xs:complexType><xs:sequence>
    <xs:element name="EtapeCircuit" minOccurs="0" maxOccurs="unbounded"><xs:complexType><xs:sequence>
      <xs:element name="Parapheur" type="xs:string"/><xs:element name="Prenom" type="xs:string"/><xs:element name="Nom" type="xs:string"/><xs:element name="Role" type="xs:string"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="MessageRetour" type="tns:MessageRetour" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="GetListeMetaDonneesRequest" type="xs:string"/>
  <xs:element name="GetListeMetaDonneesResponse"><xs:complexType><xs:sequence>
    <xs:element name="MetaDonnee" type="tns:MetaDonneeDefinition" minOccurs="0" maxOccurs="unbounded"/><xs:element name="MessageRetour" type="tns:MessageRetour" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="GetMetaDonneesRequisesPourTypeSoustypeRequest" type="tns:TypeEtSousType"/>
  <xs:element name="GetMetaDonneesRequisesPourTypeSoustypeResponse"><xs:complexType><xs:sequence>
    <xs:element name="MetaDonnee" type="tns:MetaDonneeDefinition" minOccurs="0" maxOccurs="unbounded"/><xs:element name="MessageRetour" type="tns:MessageRetour" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>`;

/** Our own WSDL (SOAP 1.1, document/literal) for the operations above, with `location` pointing to `endpointUrl`. */
export function buildWsdl(endpointUrl: string): string {
  const messages = WSDL_OPERATIONS.map((op) => `
  <wsdl:message name="${op}Request"><wsdl:part name="parameters" element="tns:${op}Request"/></wsdl:message>
  <wsdl:message name="${op}Response"><wsdl:part name="parameters" element="tns:${op}Response"/></wsdl:message>`).join('');
  const portOperations = WSDL_OPERATIONS.map((op) => `
    <wsdl:operation name="${op}"><wsdl:input message="tns:${op}Request"/><wsdl:output message="tns:${op}Response"/></wsdl:operation>`).join('');
  const bindingOperations = WSDL_OPERATIONS.map((op) => `
    <wsdl:operation name="${op}"><soap:operation soapAction=""/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="InterfaceParapheur" targetNamespace="${IPARAPHEUR_NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${IPARAPHEUR_NS}">
  <wsdl:documentation>Parapheur : point d’accès compatible i-Parapheur (SOAP 1.1 document/literal). Authentification HTTP Basic par clé d’API.</wsdl:documentation>
  <wsdl:types>${SCHEMA}
  </wsdl:types>${messages}
  <wsdl:portType name="InterfaceParapheur">${portOperations}
  </wsdl:portType>
  <wsdl:binding name="InterfaceParapheurSoap11" type="tns:InterfaceParapheur">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>${bindingOperations}
  </wsdl:binding>
  <wsdl:service name="InterfaceParapheurService">
    <wsdl:port name="InterfaceParapheurSoap11" binding="tns:InterfaceParapheurSoap11"><soap:address location="${escapeXml(endpointUrl)}"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
