import type { ViewerLog } from '../otlp/types.js';
import {
  ATTR_BREADCRUMBS,
  ATTR_EXCEPTION_FINGERPRINT,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
} from './semconv.js';

/** Groups kept at most; past it, new fingerprints are counted under `other`. */
export const MAX_EXCEPTION_GROUPS = 500;

/** Exceptions that share a fingerprint. */
export interface ExceptionGroup {
  readonly fingerprint: string;
  readonly type: string;
  readonly message: string;
  count: number;
  readonly firstSeen: number;
  lastSeen: number;
  lastTraceId: string;
  stacktrace: string;
  /** The latest record's `sightline.breadcrumbs` (a JSON array string), as received. */
  breadcrumbs: string;
  readonly services: string[];
}

/**
 * Exception log records (those with `exception.type` or `exception.message`, as `@sightline/audit` and the
 * semantic conventions write them) grouped by `sightline.exception.fingerprint`, or by type and message
 * when a record has none.
 */
export class ExceptionGroups {
  private readonly groups = new Map<string, ExceptionGroup>();
  private other = 0;

  add(log: ViewerLog): void {
    const a = log.attributes;
    const type = a[ATTR_EXCEPTION_TYPE];
    const message = a[ATTR_EXCEPTION_MESSAGE];
    if (type === undefined && message === undefined) return;
    const fingerprintValue = a[ATTR_EXCEPTION_FINGERPRINT];
    const fingerprint = typeof fingerprintValue === 'string' && fingerprintValue !== '' ? fingerprintValue : `${String(type ?? '')}: ${String(message ?? '')}`;
    let group = this.groups.get(fingerprint);
    if (group === undefined) {
      if (this.groups.size >= MAX_EXCEPTION_GROUPS) {
        this.other++;
        return;
      }
      group = {
        fingerprint,
        type: String(type ?? ''),
        message: String(message ?? ''),
        count: 0,
        firstSeen: log.time,
        lastSeen: log.time,
        lastTraceId: '',
        stacktrace: '',
        breadcrumbs: '',
        services: [],
      };
      this.groups.set(fingerprint, group);
    }
    group.count++;
    if (log.time >= group.lastSeen) {
      group.lastSeen = log.time;
      group.lastTraceId = log.traceId;
      group.stacktrace = String(a[ATTR_EXCEPTION_STACKTRACE] ?? '');
      group.breadcrumbs = typeof a[ATTR_BREADCRUMBS] === 'string' ? a[ATTR_BREADCRUMBS] : '';
    }
    if (!group.services.includes(log.service)) group.services.push(log.service);
  }

  /** Groups, most frequent first, and the count of exceptions past the group bound. */
  view(): { groups: ExceptionGroup[]; other: number } {
    return { groups: [...this.groups.values()].sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen), other: this.other };
  }
}
