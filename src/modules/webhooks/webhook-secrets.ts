/** SecretBox context of an endpoint's secret: a value copied to another row fails to open. */
export function endpointSecretContext(endpointId: string): string {
  return `webhook_endpoints.secret_enc:${endpointId}`;
}
