/**
 * Reading a SQLite database file the way someone with a copy of it would, byte by byte, without
 * SQLite: the pages, the freelist, every b-tree cell with its offset in the page and its whole
 * payload (overflow chains followed), the free blocks inside pages, and the frames of a WAL file.
 * Used by tests that attack what the file gives away (the anonymity of evaluation answers).
 * Format: https://www.sqlite.org/fileformat2.html
 */

export interface Cell {
  page: number;
  /** Where the cell's content starts in its page: SQLite fills pages from the end. */
  offset: number;
  /** Its position in the page's cell pointer array (key order). */
  index: number;
  payload: Buffer;
  /** Overflow pages of the payload, in chain order. */
  overflow: number[];
}

export interface DatabaseFile {
  pageSize: number;
  pageCount: number;
  page(number: number): Buffer;
  freelist: Set<number>;
  cells: Cell[];
  /** Byte ranges of free blocks and unallocated space inside b-tree pages. */
  freeSpace: Array<{ page: number; start: number; end: number }>;
}

function varint(buf: Buffer, at: number): [value: number, length: number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = buf[at + i];
    if (i === 8) return [value * 256 + byte, 9];
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, i + 1];
  }
  return [value, 9];
}

export function parseDatabase(file: Buffer): DatabaseFile {
  const raw = file.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const reserved = file[20];
  const usable = pageSize - reserved;
  const pageCount = Math.floor(file.length / pageSize);
  const page = (n: number) => file.subarray((n - 1) * pageSize, n * pageSize);

  const freelist = new Set<number>();
  for (let trunk = file.readUInt32BE(32); trunk !== 0 && trunk <= pageCount && !freelist.has(trunk);) {
    freelist.add(trunk);
    const data = page(trunk);
    const leaves = data.readUInt32BE(4);
    for (let i = 0; i < leaves && 8 + i * 4 + 4 <= pageSize; i++) freelist.add(data.readUInt32BE(8 + i * 4));
    trunk = data.readUInt32BE(0);
  }

  const cells: Cell[] = [];
  const freeSpace: DatabaseFile["freeSpace"] = [];
  for (let n = 1; n <= pageCount; n++) {
    if (freelist.has(n)) continue;
    const data = page(n);
    const h = n === 1 ? 100 : 0;
    const type = data[h];
    if (![2, 5, 10, 13].includes(type)) continue; // overflow pages and the like
    const leaf = type === 10 || type === 13;
    const count = data.readUInt16BE(h + 3);
    const contentStart = data.readUInt16BE(h + 5) || 65536;
    const pointers = h + (leaf ? 8 : 12);
    if (pointers + count * 2 > pageSize) continue;
    freeSpace.push({ page: n, start: pointers + count * 2, end: contentStart });
    for (let block = data.readUInt16BE(h + 1), guard = 0; block !== 0 && block + 4 <= pageSize && guard < 1000; guard++) {
      freeSpace.push({ page: n, start: block, end: block + data.readUInt16BE(block + 2) });
      block = data.readUInt16BE(block);
    }
    for (let i = 0; i < count; i++) {
      const offset = data.readUInt16BE(pointers + i * 2);
      if (offset >= pageSize) continue;
      let at = offset;
      if (!leaf) at += 4; // left child pointer
      if (type === 5) continue; // interior table cells carry only a key
      const [size, sizeLength] = varint(data, at);
      at += sizeLength;
      if (type === 13) at += varint(data, at)[1]; // rowid
      const maxLocal = type === 13 ? usable - 35 : Math.floor(((usable - 12) * 64) / 255) - 23;
      const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
      let local = size;
      if (size > maxLocal) {
        const k = minLocal + ((size - minLocal) % (usable - 4));
        local = k <= maxLocal ? k : minLocal;
      }
      const parts = [data.subarray(at, at + local)];
      const overflow: number[] = [];
      if (local < size) {
        let next = data.readUInt32BE(at + local);
        let left = size - local;
        while (next !== 0 && next <= pageCount && left > 0 && overflow.length < 100_000) {
          overflow.push(next);
          const o = page(next);
          parts.push(o.subarray(4, 4 + Math.min(left, usable - 4)));
          left -= usable - 4;
          next = o.readUInt32BE(0);
        }
      }
      cells.push({ page: n, offset, index: i, payload: Buffer.concat(parts), overflow });
    }
  }
  return { pageSize, pageCount, page, freelist, cells, freeSpace };
}

/** The frames of a WAL file, in the order they were written. */
export function walFrames(wal: Buffer): Array<{ frame: number; page: number; data: Buffer }> {
  if (wal.length < 32) return [];
  const pageSize = wal.readUInt32BE(8);
  const frames: Array<{ frame: number; page: number; data: Buffer }> = [];
  for (let at = 32, frame = 0; at + 24 + pageSize <= wal.length; at += 24 + pageSize, frame++) {
    frames.push({ frame, page: wal.readUInt32BE(at), data: wal.subarray(at + 24, at + 24 + pageSize) });
  }
  return frames;
}

/** Every place `needle` occurs in `haystack`. */
export function occurrences(haystack: Buffer, needle: string): number[] {
  const bytes = Buffer.from(needle);
  const found: number[] = [];
  for (let at = haystack.indexOf(bytes); at >= 0; at = haystack.indexOf(bytes, at + 1)) found.push(at);
  return found;
}
