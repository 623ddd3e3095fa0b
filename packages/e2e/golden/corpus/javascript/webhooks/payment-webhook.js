/**
 * Receives "payment succeeded" webhooks from the payment provider when a member
 * pays a late fee online.
 *
 * The provider signs the raw body: header `X-Signature: t=<unix>,v1=<hex hmac>`
 * where hmac = HMAC-SHA256(secret, `${t}.${rawBody}`). We reject stale timestamps
 * (replay attacks) and compare signatures in constant time.
 */
import crypto from 'node:crypto';
import express from 'express';

const TOLERANCE_SECONDS = 300;

export function parseSignatureHeader(header) {
  const parts = Object.fromEntries(
    String(header ?? '')
      .split(',')
      .map((kv) => kv.trim().split('=', 2))
      .filter((kv) => kv.length === 2),
  );
  return { timestamp: Number(parts.t), signature: parts.v1 };
}

export function verifySignature(rawBody, header, secret, nowSeconds = Math.floor(Date.now() / 1000)) {
  const { timestamp, signature } = parseSignatureHeader(header);
  if (!Number.isFinite(timestamp) || !signature) return false;
  if (Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(signature, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function paymentWebhookRouter({ secret, loans }) {
  const router = express.Router();
  // The signature covers the exact bytes, so parse JSON only after verifying.
  router.post('/payments', express.raw({ type: 'application/json' }), async (req, res) => {
    const rawBody = req.body.toString('utf8');
    if (!verifySignature(rawBody, req.get('x-signature'), secret)) {
      res.status(400).send('bad signature');
      return;
    }
    const event = JSON.parse(rawBody);
    if (event.type === 'payment.succeeded' && event.data?.metadata?.loanId) {
      await loans.markFeePaid(event.data.metadata.loanId, event.data.amount);
    }
    res.status(200).json({ received: true });
  });
  return router;
}
