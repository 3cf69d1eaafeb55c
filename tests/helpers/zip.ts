/**
 * Hand-made zip archives for tests of hostile uploads: the app's own stored-zip writer, then the
 * directory edited to lie (a claimed unpacked size, an entry deflated to far more than it claims).
 */
import { constants, crc32, deflateRawSync } from "node:zlib";
import { storedZip as honestZip } from "../../app/utils/zip.server";

export interface TestEntry {
  name: string;
  data: Buffer;
  /** What the directory says the entry unpacks to. */
  claimedSize?: number;
}

export function storedZip(entries: TestEntry[]): Buffer {
  const zip = honestZip(new Map(entries.map((e) => [e.name, e.data])));
  return editDirectory(zip, (i) => ({ size: entries[i].claimedSize }));
}

/** `total` bytes of zeros as one raw deflate stream (about 1 KiB per MiB), built in milliseconds. */
export function deflatedZeros(total: number): Buffer {
  const chunk = 4 * 1024 * 1024;
  // A full flush makes each block stand alone, so one block can be repeated.
  const block = deflateRawSync(Buffer.alloc(chunk), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(Math.ceil(total / chunk)).fill(block), deflateRawSync(Buffer.alloc(0))]);
}

/**
 * A zip bomb that lies: `name` holds `inflated` bytes of zeros, deflated, while the directory says
 * it unpacks to `claimed` bytes. Other entries are stored as given.
 */
export function lyingDeflatedZip(name: string, inflated: number, claimed: number, others: TestEntry[] = []): Buffer {
  const deflated = deflatedZeros(inflated);
  // The checksum of what it really unpacks to, as a careful attacker would write it.
  let crc = 0;
  const zeros = Buffer.alloc(4 * 1024 * 1024);
  for (let left = Math.ceil(inflated / zeros.length) * zeros.length; left > 0; left -= zeros.length) crc = crc32(zeros, crc);
  // Written as if stored (so the writer takes the bytes as they are), then marked deflated.
  const zip = storedZip([{ name, data: deflated }, ...others]);
  return editDirectory(
    zip,
    (i) => (i === 0 ? { method: 8, size: claimed, crc } : {}),
    (i) => (i === 0 ? { method: 8, crc } : {}),
  );
}

/** Rewrites fields of each directory entry (and local header) of a zip made by the writer above. */
function editDirectory(
  zip: Buffer,
  central: (index: number) => { method?: number; size?: number; crc?: number },
  local: (index: number) => { method?: number; crc?: number } = () => ({}),
): Buffer {
  const out = Buffer.from(zip);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const edit = central(i);
    const localOffset = out.readUInt32LE(at + 42);
    if (edit.method !== undefined) out.writeUInt16LE(edit.method, at + 10);
    if (edit.size !== undefined) out.writeUInt32LE(edit.size, at + 24);
    if (edit.crc !== undefined) out.writeUInt32LE(edit.crc >>> 0, at + 16);
    const localEdit = local(i);
    if (localEdit.method !== undefined) out.writeUInt16LE(localEdit.method, localOffset + 8);
    if (localEdit.crc !== undefined) out.writeUInt32LE(localEdit.crc >>> 0, localOffset + 14);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
