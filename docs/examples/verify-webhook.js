// Verifying a Parapheur webhook delivery (Standard Webhooks), as shown in the README.
// Run by test/integration/webhook-verify-example.int-spec.ts against real signed deliveries.
const { createHmac, timingSafeEqual } = require('node:crypto');

function verifyWebhook(secret, headers, rawBody) {
  const id = headers['webhook-id'], timestamp = headers['webhook-timestamp'];
  if (!(Math.abs(Date.now() / 1000 - Number(timestamp)) <= 5 * 60)) return false; // replay window (and no timestamp)
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest();
  return String(headers['webhook-signature'] ?? '').split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

module.exports = { verifyWebhook };
