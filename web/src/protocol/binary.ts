import { invalidArgument } from './errors.js';

/**
 * Big-endian integer helpers for the wire layouts. u64 values are bigint because sequence numbers
 * and expiry times may exceed 2^53, where a JS number silently loses precision.
 */
export const U64_MAX = (1n << 64n) - 1n;
export const U16_MAX = 0xffff;

export function isU64(value: bigint): boolean {
  return value >= 0n && value <= U64_MAX;
}

export function isU16(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= U16_MAX;
}

export function readU16(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(offset, false);
}

export function readU64(bytes: Uint8Array, offset: number): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offset, false);
}

export function writeU16(bytes: Uint8Array, offset: number, value: number): void {
  if (!isU16(value)) throw invalidArgument('value is not a u16');
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint16(offset, value, false);
}

export function writeU64(bytes: Uint8Array, offset: number, value: bigint): void {
  if (!isU64(value)) throw invalidArgument('value is not a u64');
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setBigUint64(offset, value, false);
}
