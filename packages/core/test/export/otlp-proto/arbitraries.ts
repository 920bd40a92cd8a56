/** fast-check arbitraries shared by the OTLP protobuf tests: every AnyValue kind, odd numbers, strings and times. */
import { resourceFromAttributes } from '@opentelemetry/resources';
import fc from 'fast-check';

export const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }), // lone surrogates, non-BMP
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', minLength: 17, maxLength: 300 }),
  fc.constantFrom('', '\uD800', 'a\uDC00b', 'x\uD83D', '\uDC00\uD800', '😀', '\uDBFF\uDFFF', 'é'.repeat(70), 'a'.repeat(200)),
);
export const integer = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(Number),
  fc.constantFrom(0, -0, -1, 127, 128, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53, 2 ** 63, -(2 ** 63), 2 ** 64, -(2 ** 64)),
);
export const double = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, -0, Infinity, -Infinity, 0.1, 2 ** 63 + 2 ** 11));
export const bytes = fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 20 }).map((a) => Buffer.from(a)));
export const leaf = fc.oneof(text, fc.boolean(), integer, double, bytes, fc.constantFrom(undefined, null), fc.bigInt());
export const key = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('__proto__', 'constructor', '0', '10', 'user.id'));

export const { value: anyValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('map')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  map: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
}));
export const attributes = fc.dictionary(key, anyValue, { maxKeys: 8 });

export const hrTime = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 2 ** 34 }), fc.integer({ min: 0, max: 999_999_999 })),
  fc.tuple(fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }), fc.integer({ min: 0, max: 999_999_999 })),
  fc.tuple(fc.oneof(integer, double), fc.oneof(integer, double)),
  fc.constantFrom<[number, number]>([0, 0], [0, 999_999_999], [2 ** 32, 0], [4294, 967_295_999], [-1, 0], [1, 1e9]),
);
export const hex = (length: number) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length }),
    fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF'), minLength: length, maxLength: length }),
    fc.string({ maxLength: length + 3 }), // not hex, odd lengths: upstream's hexToBinary converts them anyway
  );
export const spanContext = fc.option(
  fc.record({ traceId: hex(32), spanId: hex(16), traceFlags: fc.oneof(fc.constantFrom(0, 1, 2, 255), integer) }),
  { nil: undefined },
);
export const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** A resource as the SDK makes it. */
export const sdkResource = fc
  .tuple(fc.dictionary(fc.string({ minLength: 1 }), fc.oneof(text, fc.boolean(), integer, double)), optional(text))
  .map(([attrs, schemaUrl]) => resourceFromAttributes(attrs, { schemaUrl }));
export const resource = fc.oneof(fc.record({ attributes: optional(attributes), schemaUrl: optional(text) }), sdkResource);
export const scope = fc.record(
  {
    name: text,
    version: optional(text),
    schemaUrl: optional(text),
    attributes: optional(attributes),
    droppedAttributesCount: optional(fc.oneof(fc.nat(), integer)),
  },
  { requiredKeys: ['name'] },
);

