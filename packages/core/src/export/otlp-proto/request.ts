/**
 * The envelope every OTLP export request shares: `Export*ServiceRequest { repeated Resource* = 1 }`, each
 * `Resource* { resource = 1; repeated Scope* = 2; schema_url = 3 }`, each `Scope* { scope = 1; repeated item = 2;
 * schema_url = 3 }` — for logs and spans alike. Items are grouped as upstream groups them: by resource object,
 * then by instrumentation-scope object (identity, not equality), in first-seen order.
 */
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import { sizeResource, sizeScope, writeResource, writeScope, type ResourceParts, type ScopeParts } from './common.js';
import { lenTag, ProtoEncoder } from './proto-encoder.js';

/** What the envelope needs of an item (a log record, a span). */
export interface GroupedItem {
  readonly resource: Resource;
  readonly instrumentationScope: InstrumentationScope;
}

/** How one item is encoded: its message's content size (sizing pass) and content (write pass). */
export interface ItemEncoding<T> {
  size(e: ProtoEncoder, item: T): number;
  write(e: ProtoEncoder, item: T): void;
}

/** Items of one resource, by instrumentation scope. */
interface ResourceGroup<T> {
  resource: ResourceParts;
  scopes: Map<ScopeParts, T[]>;
}

function group<T extends GroupedItem>(items: readonly T[]): ResourceGroup<T>[] {
  const byResource = new Map<object, ResourceGroup<T>>();
  const out: ResourceGroup<T>[] = [];
  let lastResource: object | undefined;
  let lastScope: object | undefined;
  let lastList: T[] | undefined;
  for (const item of items) {
    const resource = item.resource;
    const scope = item.instrumentationScope;
    if (resource === lastResource && scope === lastScope && lastList !== undefined) {
      lastList.push(item);
      continue;
    }
    let entry = byResource.get(resource);
    if (entry === undefined) {
      // Read once: while detectors are pending, every read of `attributes` is computed (and logged) anew.
      entry = { resource: { attributes: resource.attributes, schemaUrl: resource.schemaUrl }, scopes: new Map() };
      byResource.set(resource, entry);
      out.push(entry);
    }
    let list = entry.scopes.get(scope);
    if (list === undefined) entry.scopes.set(scope, (list = []));
    list.push(item);
    lastResource = resource;
    lastScope = scope;
    lastList = list;
  }
  return out;
}

/** One encoder reused by every call that does not overlap another (encoding is synchronous). */
let shared: ProtoEncoder | undefined = new ProtoEncoder();

/** Encodes `items` as an `Export*ServiceRequest`; throws `UnencodableError` for what it does not cover. */
export function encodeRequest<T extends GroupedItem>(items: readonly T[], encoding: ItemEncoding<T>): Uint8Array {
  const e = shared ?? new ProtoEncoder();
  shared = undefined;
  try {
    e.reset();
    const groups = group(items);
    let size = 0;
    for (const g of groups) size += e.setLength(e.reserve(), sizeResourceGroup(e, g, encoding));
    e.startWriting(size);
    for (const g of groups) {
      e.byte(lenTag(1));
      const end = e.begin();
      writeResourceGroup(e, g, encoding);
      e.end(end);
    }
    return e.finish();
  } finally {
    e.reset();
    shared = e;
  }
}

function sizeResourceGroup<T>(e: ProtoEncoder, g: ResourceGroup<T>, encoding: ItemEncoding<T>): number {
  let size = e.setLength(e.reserve(), sizeResource(e, g.resource));
  for (const [scope, items] of g.scopes) size += e.setLength(e.reserve(), sizeScopeGroup(e, scope, items, encoding));
  return g.resource.schemaUrl ? size + e.sizeString(g.resource.schemaUrl) : size;
}

function writeResourceGroup<T>(e: ProtoEncoder, g: ResourceGroup<T>, encoding: ItemEncoding<T>): void {
  e.byte(lenTag(1));
  let end = e.begin();
  writeResource(e, g.resource);
  e.end(end);
  for (const [scope, items] of g.scopes) {
    e.byte(lenTag(2));
    end = e.begin();
    writeScopeGroup(e, scope, items, encoding);
    e.end(end);
  }
  if (g.resource.schemaUrl) {
    e.byte(lenTag(3));
    e.string(g.resource.schemaUrl);
  }
}

function sizeScopeGroup<T>(e: ProtoEncoder, scope: ScopeParts, items: readonly T[], encoding: ItemEncoding<T>): number {
  let size = e.setLength(e.reserve(), sizeScope(e, scope));
  for (const item of items) size += e.setLength(e.reserve(), encoding.size(e, item));
  return scope.schemaUrl ? size + e.sizeString(scope.schemaUrl) : size;
}

function writeScopeGroup<T>(e: ProtoEncoder, scope: ScopeParts, items: readonly T[], encoding: ItemEncoding<T>): void {
  e.byte(lenTag(1));
  let end = e.begin();
  writeScope(e, scope);
  e.end(end);
  for (const item of items) {
    e.byte(lenTag(2));
    end = e.begin();
    encoding.write(e, item);
    e.end(end);
  }
  if (scope.schemaUrl) {
    e.byte(lenTag(3));
    e.string(scope.schemaUrl);
  }
}
