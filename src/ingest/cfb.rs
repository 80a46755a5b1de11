//! A check of an xls file's container (the Compound File Binary format) before calamine reads
//! it: the sector tables must not send a chain of sectors round a loop or outside the file.
//! calamine follows such a chain until memory runs out (the fuzz harness found a 4.8 KB file
//! that asked for 8 GB), which would end the whole batch; checked here, the file fails alone.
//! Layout from Microsoft's [MS-CFB] specification, section 2.2 (the header) and 2.3 (the FAT).

/// Entries of the sector tables that end or mark a chain rather than point to a sector.
const SPECIAL: u32 = 0xFFFF_FFFA;
const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The sound sector tables of a compound file.
pub struct Tables<'a> {
    bytes: &'a [u8],
    size: usize,
    fat: Vec<u32>,
    mini: Vec<u32>,
}

/// `Err` with the reason when the container is damaged; `Ok(None)` when it is not a compound
/// file at all (the reader then says what it is); else its tables, every chain of them known
/// to end inside the file.
pub fn check(bytes: &[u8]) -> Result<Option<Tables<'_>>, &'static str> {
    if bytes.len() < 512 || bytes[..8] != SIGNATURE {
        return Ok(None);
    }
    let u16_at = |o: usize| u16::from_le_bytes([bytes[o], bytes[o + 1]]);
    let u32_at = |o: usize| -> Option<u32> {
        bytes
            .get(o..o + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let shift = u16_at(0x1E);
    if shift != 9 && shift != 12 {
        return Err("its sector size is not 512 or 4096 bytes");
    }
    let size = 1usize << shift;
    let sectors = (bytes.len() - 512).div_ceil(size);
    let sector = |n: u32| -> Option<&[u8]> {
        let start = (n as usize + 1).checked_mul(size)?;
        bytes.get(start..(start + size).min(bytes.len()))
    };
    let fat_sectors = u32_at(0x2C).unwrap_or(0) as usize;
    if fat_sectors > sectors {
        return Err("its sector table claims more sectors than the file holds");
    }
    // Where the FAT is: 109 places in the header, then a chain of DIFAT sectors.
    let mut places: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(0x4C + 4 * i))
        .take(fat_sectors)
        .collect();
    let mut next = u32_at(0x44).unwrap_or(u32::MAX);
    for _ in 0..u32_at(0x48).unwrap_or(0).min(sectors as u32) {
        if next >= SPECIAL || places.len() >= fat_sectors {
            break;
        }
        let s = sector(next).ok_or("its table of sector tables points outside the file")?;
        let per = size / 4 - 1;
        places.extend(
            (0..per)
                .filter_map(|i| s.get(4 * i..4 * i + 4))
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .take(fat_sectors - places.len()),
        );
        next = s
            .get(4 * per..4 * per + 4)
            .map_or(u32::MAX, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    }
    let mut fat: Vec<u32> = Vec::with_capacity(places.len() * size / 4);
    for p in places {
        let s = sector(p).ok_or("its sector table points outside the file")?;
        fat.extend(
            s.chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
        );
    }
    acyclic(&fat, sectors).map_err(|_| "a chain of its sectors loops or leads outside the file")?;
    // The mini FAT, read along its own (now sound) chain.
    let mut mini: Vec<u32> = Vec::new();
    let mut at = u32_at(0x3C).unwrap_or(u32::MAX);
    let mut steps = 0;
    while at < SPECIAL && steps <= sectors {
        let s = sector(at).ok_or("its mini sector table points outside the file")?;
        mini.extend(
            s.chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
        );
        at = fat.get(at as usize).copied().unwrap_or(u32::MAX);
        steps += 1;
    }
    acyclic(&mini, mini.len()).map_err(|_| "a chain of its small sectors loops")?;
    Ok(Some(Tables {
        bytes,
        size,
        fat,
        mini,
    }))
}

impl Tables<'_> {
    fn sector(&self, n: u32) -> &[u8] {
        let start = (n as usize + 1) * self.size;
        &self.bytes[start.min(self.bytes.len())..(start + self.size).min(self.bytes.len())]
    }

    /// The bytes along a chain of sectors from `start` (the tables are known to be sound).
    fn chain(&self, start: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut at = start;
        while at < SPECIAL && (at as usize) < self.fat.len() {
            out.extend_from_slice(self.sector(at));
            at = self.fat[at as usize];
        }
        out
    }

    /// The workbook stream of an xls file (`Workbook`, or `Book` in Excel 5), as calamine
    /// will read it.
    pub fn workbook(&self) -> Option<Vec<u8>> {
        let u32_at = |b: &[u8], o: usize| -> Option<u32> {
            b.get(o..o + 4)
                .map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
        };
        let directory = self.chain(u32_at(self.bytes, 0x30)?);
        // The format fixes the mini-stream cutoff at 4096 bytes, and calamine reads it so
        // whatever the header says.
        let cutoff = 4096;
        let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
        let name_of = |e: &[u8]| -> String {
            let len = (u16::from_le_bytes([e[0x40], e[0x41]]) as usize).min(64);
            let units: Vec<u16> = e[..len]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|u| *u != 0)
                .collect();
            String::from_utf16_lossy(&units)
        };
        let entry = entries
            .iter()
            .find(|e| matches!(name_of(e).as_str(), "Workbook" | "Book"))?;
        let start = u32_at(entry, 0x74)?;
        let len = u32_at(entry, 0x78)? as usize;
        let mut data = if len >= cutoff {
            self.chain(start)
        } else {
            // A small stream lives in the mini stream, in 64-byte sectors of its own chain.
            let stream = self.chain(u32_at(entries.first()?, 0x74)?);
            let mut out = Vec::new();
            let mut at = start;
            while at < SPECIAL && (at as usize) < self.mini.len() {
                let from = (at as usize * 64).min(stream.len());
                out.extend_from_slice(&stream[from..(from + 64).min(stream.len())]);
                at = self.mini[at as usize];
            }
            out
        };
        data.truncate(len);
        Some(data)
    }
}

/// The largest sheet a DIMENSIONS record (id 0x0200) anywhere in `bytes` declares, in cells
/// (`u64::MAX` for a range that ends before it starts): calamine sets room aside for that many
/// before it reads one, without checking. Every offset is tried, not only record boundaries,
/// since the reader starts reading at offsets the file itself names (a sheet's BOUNDSHEET
/// position), which a damaged file can point anywhere.
pub fn declared_cells(bytes: &[u8]) -> u64 {
    let mut most = 0u64;
    for at in 0..bytes.len().saturating_sub(3) {
        if bytes[at] != 0x00 || bytes[at + 1] != 0x02 {
            continue;
        }
        let len = u16::from_le_bytes([bytes[at + 2], bytes[at + 3]]) as usize;
        let Some(data) = bytes.get(at + 4..at + 4 + len) else {
            continue;
        };
        let u16_at = |o: usize| u16::from_le_bytes([data[o], data[o + 1]]) as u64;
        let u32_at =
            |o: usize| u32::from_le_bytes([data[o], data[o + 1], data[o + 2], data[o + 3]]) as u64;
        // First row, row after the last, first column, column after the last.
        let (r0, r1, c0, c1) = match len {
            14 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
            10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
            _ => continue,
        };
        let cells = if r1 < r0 || c1 < c0 {
            u64::MAX
        } else {
            (r1 - r0 + 1).saturating_mul(c1 - c0 + 1)
        };
        most = most.max(cells);
    }
    most
}

/// Whether every chain of `table` (entry = next sector) ends without a loop and without
/// pointing at or beyond `limit`.
fn acyclic(table: &[u32], limit: usize) -> Result<(), ()> {
    // 0: not seen, 1: on the chain being followed, 2: known to end well.
    let mut state = vec![0u8; table.len()];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..table.len() {
        let mut i = start;
        loop {
            match state[i] {
                2 => break,
                1 => return Err(()),
                _ => {}
            }
            state[i] = 1;
            path.push(i);
            let next = table[i];
            if next >= SPECIAL {
                break;
            }
            let next = next as usize;
            if next >= limit || next >= table.len() {
                return Err(());
            }
            i = next;
        }
        for p in path.drain(..) {
            state[p] = 2;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_that_loop_or_leave_the_table_are_found() {
        let end = 0xFFFF_FFFE;
        assert!(acyclic(&[1, 2, end, end], 4).is_ok());
        assert!(acyclic(&[1, 2, 0], 3).is_err(), "0 -> 1 -> 2 -> 0");
        assert!(acyclic(&[0], 1).is_err(), "a sector that is its own next");
        assert!(acyclic(&[7, end], 2).is_err(), "outside the file");
        assert!(acyclic(&[], 0).is_ok());
    }

    /// A DIMENSIONS record (id 0x0200) of 65,536 rows by 256 columns, and one beyond.
    #[test]
    fn declared_dimensions_are_read_from_the_records() {
        let mut rec = vec![0x00, 0x02, 14, 0];
        rec.extend_from_slice(&0u32.to_le_bytes());
        rec.extend_from_slice(&65_536u32.to_le_bytes());
        rec.extend_from_slice(&0u16.to_le_bytes());
        rec.extend_from_slice(&256u16.to_le_bytes());
        rec.extend_from_slice(&0u16.to_le_bytes());
        let other = [0x09, 0x08, 2, 0, 1, 3];
        let stream = [&other[..], &rec[..]].concat();
        assert_eq!(declared_cells(&stream), 65_537 * 257);
        // A range ending before it starts (the fuzz harness's 858 GB file).
        let mut inverted = rec.clone();
        inverted[4..8].copy_from_slice(&8u32.to_le_bytes());
        inverted[8..12].copy_from_slice(&5u32.to_le_bytes());
        assert_eq!(declared_cells(&inverted), u64::MAX);
        assert_eq!(declared_cells(&other), 0);
    }

    #[test]
    fn not_a_compound_file_is_left_to_the_reader() {
        assert!(matches!(check(b"PK\x03\x04"), Ok(None)));
        assert!(matches!(check(&[0u8; 600]), Ok(None)));
    }
}
