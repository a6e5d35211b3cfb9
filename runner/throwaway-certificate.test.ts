import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { throwawayCertificate } from './throwaway-certificate.ts';

describe('throwawayCertificate', () => {
  it('is a self-signed certificate for the hosts, valid now, whose key hash is given', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const made = throwawayCertificate(['app.example.com', '127.0.0.1', '[::1]'], now);
    const certificate = new X509Certificate(made.cert);
    expect(certificate.subjectAltName).toBe(
      'DNS:app.example.com, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(new Date(certificate.validFrom) < now && now < new Date(certificate.validTo)).toBe(true);
    expect(certificate.checkPrivateKey(createPrivateKey(made.key))).toBe(true);
    const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
    expect(made.spkiHash).toBe(createHash('sha256').update(spki).digest('base64'));
  });
});
