// A SQLite VFS that reads the main database file through a memory mapping
// the process keeps while any connection has the file open, instead of a
// system call per page.
//
// Why: in WAL mode every commit makes every other connection drop its whole
// page cache at its next read (SQLite's pager_reset), so under the day's mix a
// reader connection reads its pages again after each of ~170 commits a second,
// and each page was a pread() (docs/performance.md, session 8). SQLite's own
// memory mapping (PRAGMA mmap_size) does not help: it unmaps the file on each
// such change and faults every page in again, which was 2.5× slower still.
// Here the mapping stays, one for all connections to the file, so a page
// read again is a copy from memory that is already mapped.
//
// Only reads of the main database file change. Writes, the WAL, its shared
// memory, journals, temporary files and locks go to the default VFS as
// before; a read past what this process knows of the file's size (another
// process made it grow) goes there too. The mapping is MAP_SHARED, so it shows
// what any process has written (Linux keeps one page cache for both).
//
// It relies on the main database file never shrinking under an open
// connection, which holds as Varde never runs VACUUM on a live database
// (a checkpoint only ever grows it).
#pragma once

namespace varde::store {

// Registers the VFS once (not as the default) and returns its name, for
// sqlite3_open_v2. Returns nullptr when it cannot be set up: then the
// caller opens with the default VFS.
const char* mapped_vfs_name();

}  // namespace varde::store
