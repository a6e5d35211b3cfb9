import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';

// A self-signed X.509 certificate (RFC 5280) for the runner's https page origins, written
// with a minimal DER encoder (X.690) so nothing outside Node is needed at run time. Only the
// browser the runner launches trusts it, by its key (see spkiHash).

/** One DER element: tag, definite length, content. */
function der(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}

const sequence = (...items: Buffer[]): Buffer => der(0x30, Buffer.concat(items));

function objectId(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) groups.unshift((value & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return der(0x06, Buffer.from(bytes));
}

/** A positive INTEGER from big-endian bytes. */
const integer = (bytes: Buffer): Buffer =>
  der(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);

/** UTCTime, YYMMDDHHMMSSZ (RFC 5280 4.1.2.5.1: years before 2050). */
const utcTime = (date: Date): Buffer =>
  der(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`, 'ascii'));

const name = (commonName: string): Buffer =>
  sequence(der(0x31, sequence(objectId('2.5.4.3'), der(0x0c, Buffer.from(commonName, 'utf8')))));

/** An iPAddress or dNSName GeneralName (RFC 5280 4.2.1.6). */
function generalName(host: string): Buffer {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 4) return der(0x87, Buffer.from(bare.split('.').map(Number)));
  if (isIP(bare) === 6) {
    const [head = '', tail = ''] = bare.split('::');
    const words = (part: string) => (part === '' ? [] : part.split(':'));
    const left = words(head);
    const right = bare.includes('::') ? words(tail) : [];
    const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
    return der(
      0x87,
      Buffer.from(all.flatMap((word) => [parseInt(word, 16) >> 8, parseInt(word, 16) & 0xff])),
    );
  }
  return der(0x82, Buffer.from(host, 'ascii'));
}

const ECDSA_WITH_SHA256 = sequence(objectId('1.2.840.10045.4.3.2'));

export interface ThrowawayCertificate {
  /** PEM, for node:tls. */
  cert: string;
  /** PEM (PKCS #8), for node:tls. */
  key: string;
  /** base64 SHA-256 of the key's SubjectPublicKeyInfo: what --ignore-certificate-errors-spki-list takes. */
  spkiHash: string;
}

/** A P-256 key and a one-day certificate for `hosts`, signed by that key. */
export function throwawayCertificate(
  hosts: readonly string[],
  now = new Date(),
): ThrowawayCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const subject = name('CORS Playground runner page');
  const subjectAltName = sequence(
    objectId('2.5.29.17'),
    der(0x04, sequence(...hosts.map(generalName))),
  );
  const tbs = sequence(
    der(0xa0, integer(Buffer.from([2]))), // v3
    integer(Buffer.concat([Buffer.from([1]), randomBytes(15)])),
    ECDSA_WITH_SHA256,
    subject,
    sequence(
      utcTime(new Date(now.getTime() - 3_600_000)),
      utcTime(new Date(now.getTime() + 86_400_000)),
    ),
    subject,
    spki,
    der(0xa3, sequence(subjectAltName)),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = sequence(
    tbs,
    ECDSA_WITH_SHA256,
    der(0x03, Buffer.concat([Buffer.from([0]), signature])),
  );
  const base64 = certificate.toString('base64').replace(/.{1,64}/g, '$&\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    spkiHash: createHash('sha256').update(spki).digest('base64'),
  };
}
