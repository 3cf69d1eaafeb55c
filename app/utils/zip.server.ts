/**
 * Reading zip archives that may lie (an uploaded .xlsx is one): nothing the archive says about its
 * own sizes is trusted. The bytes are counted as they are inflated and inflating stops at a hard
 * limit; the number of entries is capped; only the entries asked for are inflated at all, so an
 * archive nested inside is never opened. What was read can be written back as a plain stored zip
 * whose directory tells the truth, for a library that would otherwise inflate the original itself.
 */
import { crc32, inflateRawSync } from "node:zlib";

export interface ZipLimits {
  /** Entries in the directory, read or not. */
  maxEntries: number;
  /** Bytes inflated in all, whatever the directory claims. */
  maxBytes: number;
}

export type ZipRead =
  { ok: true; names: string[]; entries: Map<string, Buffer> } | { ok: false; reason: "unreadable" | "tooLarge" | "tooManyEntries" };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * The entries of `zip` whose names `wanted` accepts, inflated within `limits`. Encrypted entries,
 * zip64 archives and compression methods other than stored and deflate are unreadable.
 */
export function readZip(zip: Buffer, wanted: (name: string) => boolean, limits: ZipLimits): ZipRead {
  // The end-of-directory record is in the last 64 KiB + 22 bytes.
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end < zip.length - 65_557 || end + 22 > zip.length || zip.readUInt32LE(end) !== END_OF_DIRECTORY)
    return { ok: false, reason: "unreadable" };
  const count = zip.readUInt16LE(end + 10);
  if (count === 0xffff) return { ok: false, reason: "unreadable" }; // zip64
  if (count > limits.maxEntries) return { ok: false, reason: "tooManyEntries" };
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  const entries = new Map<string, Buffer>();
  let budget = limits.maxBytes;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) return { ok: false, reason: "unreadable" };
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    at += 46 + nameLength + extraLength + commentLength;
    names.push(name);
    if (!wanted(name) || name.endsWith("/")) continue;
    if (flags & 0x1 || compressedSize === 0xffffffff || localOffset === 0xffffffff) return { ok: false, reason: "unreadable" };
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_HEADER) return { ok: false, reason: "unreadable" };
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > zip.length) return { ok: false, reason: "unreadable" };
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) {
      data = raw;
    } else if (method === 8) {
      try {
        // Node stops inflating at maxOutputLength and throws: the real size, not the claimed one.
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        return { ok: false, reason: (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? "tooLarge" : "unreadable" };
      }
    } else {
      return { ok: false, reason: "unreadable" };
    }
    if (data.length > budget) return { ok: false, reason: "tooLarge" };
    budget -= data.length;
    if (crc32(data) !== crc) return { ok: false, reason: "unreadable" };
    entries.set(name, data);
  }
  return { ok: true, names, entries };
}

/** A zip of `entries`, stored without compression, with a directory that tells the truth. */
export function storedZip(entries: Map<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [entryName, data] of entries) {
    const name = Buffer.from(entryName, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(DIRECTORY_ENTRY, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
