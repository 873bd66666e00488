/**
 * The few parts of the Protocol Buffers wire format (https://protobuf.dev/programming-guides/encoding/)
 * that Google Authenticator's export payload uses: varints and length-delimited fields, plus
 * skipping the fixed-width types so that fields added later do not break the import.
 *
 * Why not a protobuf library: the payload has two message types and eight scalar fields; a
 * generated-code toolchain (protobufjs, @bufbuild/protobuf) would be a larger dependency than
 * this file, and the untrusted input (a QR code anyone can show) needs strict bounds checks we
 * want to read in one place. Every read is checked against the end of its message, varints are
 * limited to 10 bytes, and nothing allocates more than the input's own size.
 *
 * Key material: the export's secrets pass through here as byte slices. Never log readers' bytes.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

export type ProtobufErrorKind = 'truncated' | 'bad-varint' | 'length-out-of-range' | 'bad-wire-type' | 'bad-field-number';

/** A structural problem in the bytes; the migration decoder turns it into a `MigrationError`. */
export class ProtobufWireError extends Error {
  override readonly name = 'ProtobufWireError';
  constructor(
    readonly kind: ProtobufErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface ProtobufField {
  fieldNumber: number;
  wireType: number;
  /** For varints: the value as an unsigned 64-bit integer. */
  varint?: bigint;
  /** For length-delimited fields: a view of the bytes (not a copy). */
  bytes?: Uint8Array;
}

const MAX_VARINT_BYTES = 10;

export class ProtobufReader {
  private offset = 0;

  constructor(private readonly buffer: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.buffer.length;
  }

  /** Reads an unsigned varint of at most 64 bits. */
  readVarint(): bigint {
    let result = 0n;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      if (this.offset >= this.buffer.length) {
        throw new ProtobufWireError('truncated', 'the data ends in the middle of a number');
      }
      const byte = this.buffer[this.offset++] as number;
      if (i === MAX_VARINT_BYTES - 1 && byte > 1) {
        throw new ProtobufWireError('bad-varint', 'a number is larger than 64 bits');
      }
      result |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return result;
    }
    throw new ProtobufWireError('bad-varint', 'a number is longer than 10 bytes');
  }

  /** Reads the next field, or returns undefined at the end of the message. */
  next(): ProtobufField | undefined {
    if (this.done) return undefined;
    const key = this.readVarint();
    const wireType = Number(key & 7n);
    const fieldNumberBig = key >> 3n;
    if (fieldNumberBig < 1n || fieldNumberBig > 0x1fffffffn) {
      throw new ProtobufWireError('bad-field-number', `field number ${fieldNumberBig} is not valid`);
    }
    const fieldNumber = Number(fieldNumberBig);
    switch (wireType) {
      case WIRE_VARINT:
        return { fieldNumber, wireType, varint: this.readVarint() };
      case WIRE_LENGTH_DELIMITED: {
        const length = this.readVarint();
        const remaining = BigInt(this.buffer.length - this.offset);
        if (length > remaining) {
          throw new ProtobufWireError('length-out-of-range', `a field claims ${length} bytes but only ${remaining} remain`);
        }
        const start = this.offset;
        this.offset += Number(length);
        return { fieldNumber, wireType, bytes: this.buffer.subarray(start, this.offset) };
      }
      case WIRE_FIXED64:
        this.skip(8);
        return { fieldNumber, wireType };
      case WIRE_FIXED32:
        this.skip(4);
        return { fieldNumber, wireType };
      default:
        throw new ProtobufWireError('bad-wire-type', `wire type ${wireType} is not used by this format`);
    }
  }

  private skip(count: number): void {
    if (this.buffer.length - this.offset < count) {
      throw new ProtobufWireError('truncated', 'the data ends in the middle of a field');
    }
    this.offset += count;
  }
}

/** Appends fields in wire format; used to write export payloads (and by tests). */
export class ProtobufWriter {
  private readonly chunks: number[] = [];

  varint(fieldNumber: number, value: bigint | number): this {
    this.key(fieldNumber, WIRE_VARINT);
    this.rawVarint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  bytes(fieldNumber: number, value: Uint8Array): this {
    this.key(fieldNumber, WIRE_LENGTH_DELIMITED);
    this.rawVarint(BigInt(value.length));
    for (const byte of value) this.chunks.push(byte);
    return this;
  }

  string(fieldNumber: number, value: string): this {
    return this.bytes(fieldNumber, new TextEncoder().encode(value));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }

  private key(fieldNumber: number, wireType: number): void {
    this.rawVarint((BigInt(fieldNumber) << 3n) | BigInt(wireType));
  }

  private rawVarint(value: bigint): void {
    let rest = value;
    while (rest >= 0x80n) {
      this.chunks.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.chunks.push(Number(rest));
  }
}
