import type { Detector, MatchSink } from '../detector.js';
import { Trigger } from '../triggers/trigger.js';

const BEGIN = '-----BEGIN ';
/** The rest of a private-key header, matched at a `-----BEGIN ` found by `indexOf`. */
const HEADER = /-----BEGIN [A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----/y;

/**
 * PEM and OpenSSH private key blocks (`-----BEGIN … PRIVATE KEY-----` to the matching `-----END …-----`).
 * A block without its end (cut, or broken over records) is redacted to the end of the string. Found with
 * `indexOf` and one sticky header check, so each character is visited once.
 */
export const privateKey: Detector = {
  name: 'private_key',
  triggers: Trigger.Marker,
  pii: false,
  find(text: string, sink: MatchSink): void {
    let start = text.indexOf(BEGIN);
    while (start !== -1) {
      HEADER.lastIndex = start;
      const header = HEADER.exec(text);
      if (header === null) {
        start = text.indexOf(BEGIN, start + BEGIN.length);
        continue;
      }
      const endMarker = text.indexOf('-----END ', start + header[0].length);
      const close = endMarker === -1 ? -1 : text.indexOf('-----', endMarker + 9);
      const end = close === -1 ? text.length : close + 5;
      sink.add(start, end);
      start = text.indexOf(BEGIN, end);
    }
  },
};
