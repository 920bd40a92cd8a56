import { isIPv6 } from 'node:net';
import type { Detector, MatchSink } from '../detector.js';
import { Trigger } from '../triggers/trigger.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** Dotted quads with octets 0–255, not part of a longer dotted, dashed or numeric run (so not `1.2.3.4.5`, `10.0.0.1-beta`). */
const IPV4 = new RegExp(`(?<![\\w.-])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|[.-][\\w])`, 'g');
/** Colon-hex runs (optionally ending in a dotted quad), confirmed by `net.isIPv6`. */
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![\w:]|\.\d)/g;

/** IPv4 and IPv6 addresses. Off by default: addresses are often operational data, not personal data. */
export const ip: Detector = {
  name: 'ip',
  triggers: Trigger.Ip,
  pii: true,
  find(text: string, sink: MatchSink): void {
    let m: RegExpExecArray | null;
    IPV4.lastIndex = 0;
    while ((m = IPV4.exec(text)) !== null) sink.add(m.index, m.index + m[0].length);
    IPV6.lastIndex = 0;
    while ((m = IPV6.exec(text)) !== null) {
      if (m[0].length === 0) {
        IPV6.lastIndex++;
        continue;
      }
      if (m[0] !== '::' && isIPv6(m[0])) sink.add(m.index, m.index + m[0].length);
    }
  },
};
