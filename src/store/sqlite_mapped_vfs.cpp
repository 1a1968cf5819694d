#include "store/sqlite_mapped_vfs.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <list>
#include <mutex>
#include <new>

namespace varde::store {
namespace {

// The address space a file's mapping takes. Pages past the end of the file
// cost nothing (they are never touched: a read past the size the process
// knows goes to the default VFS), so the mapping need never be remade as the
// file grows, which would pull it from under a reader on another thread.
constexpr sqlite3_int64 kMappingLength = sqlite3_int64(64) << 30;

// One mapping per database file in the process, shared by every connection
// to it. Its descriptor stays open until the last of them closes: closing any
// descriptor of a file drops every POSIX lock the process holds on it, and
// SQLite's locks on the database file are such locks (another process could
// then take the file as unused and delete its WAL).
struct Mapping {
  dev_t device = 0;
  ino_t inode = 0;
  int fd = -1;
  const char* base = nullptr;
  int users = 0;
  // Bytes of the file known to exist: its size when first mapped, and what
  // this process wrote or read past that since.
  std::atomic<sqlite3_int64> known_size{0};
};

std::mutex mappings_mutex;
std::list<Mapping> mappings;  // a list: a Mapping stays where it is while others come and go

Mapping* acquire_mapping(const char* path) {
  struct stat st {};
  if (::stat(path, &st) != 0) return nullptr;
  std::lock_guard lock(mappings_mutex);
  for (auto& m : mappings)
    if (m.device == st.st_dev && m.inode == st.st_ino) {
      ++m.users;
      return &m;
    }
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  auto& m = mappings.emplace_back();
  m.device = st.st_dev;
  m.inode = st.st_ino;
  m.fd = fd;  // kept even when the mapping fails: see above
  m.users = 1;
  void* p = ::mmap(nullptr, kMappingLength, PROT_READ, MAP_SHARED, fd, 0);
  if (p != MAP_FAILED) {
    // A page is read where SQLite asks for it, not the ones around it.
    ::madvise(p, kMappingLength, MADV_RANDOM);
    m.base = static_cast<const char*>(p);
    m.known_size.store(std::min<sqlite3_int64>(st.st_size, kMappingLength));
  }
  return &m;
}

// After SQLite has closed its own descriptor of the file.
void release_mapping(Mapping* m) {
  std::lock_guard lock(mappings_mutex);
  if (--m->users > 0) return;
  if (m->base) ::munmap(const_cast<char*>(m->base), kMappingLength);
  ::close(m->fd);
  mappings.remove_if([m](const Mapping& x) { return &x == m; });
}

// SQLite allocates the VFS's szOsFile bytes for a file; ours holds this and,
// right after it, the default VFS's own file.
struct MappedFile {
  sqlite3_file base;  // first: what SQLite sees
  sqlite3_file* real = nullptr;
  Mapping* mapping = nullptr;  // null: not the main database
};
// The default VFS's file follows it and wants its pointers aligned.
static_assert(sizeof(MappedFile) % alignof(void*) == 0);

MappedFile* self(sqlite3_file* f) { return reinterpret_cast<MappedFile*>(f); }
const sqlite3_io_methods* real_methods(sqlite3_file* f) { return self(f)->real->pMethods; }
// The main database's mapping, or null (another file, or mmap failed).
const char* mapped(const MappedFile* m) { return m->mapping ? m->mapping->base : nullptr; }

void know_at_least(MappedFile* m, sqlite3_int64 end) {
  end = std::min(end, kMappingLength);
  auto known = m->mapping->known_size.load(std::memory_order_relaxed);
  while (end > known && !m->mapping->known_size.compare_exchange_weak(known, end, std::memory_order_relaxed)) {
  }
}

int x_close(sqlite3_file* f) {
  auto* m = self(f);
  const int rc = m->real->pMethods ? m->real->pMethods->xClose(m->real) : SQLITE_OK;
  if (m->mapping) release_mapping(m->mapping);
  m->~MappedFile();
  return rc;
}

int x_read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
  auto* m = self(f);
  const char* map = mapped(m);
  if (map && offset >= 0 && offset + amount <= m->mapping->known_size.load(std::memory_order_relaxed)) {
    std::memcpy(buffer, map + offset, static_cast<size_t>(amount));
    return SQLITE_OK;
  }
  const int rc = m->real->pMethods->xRead(m->real, buffer, amount, offset);
  if (rc == SQLITE_OK && map) know_at_least(m, offset + amount);  // another process made it grow
  return rc;
}

int x_write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
  auto* m = self(f);
  const int rc = m->real->pMethods->xWrite(m->real, buffer, amount, offset);
  if (rc == SQLITE_OK && mapped(m)) know_at_least(m, offset + amount);
  return rc;
}

int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  auto* m = self(f);
  // Forget the tail first: a copy from a page past the end would be a SIGBUS.
  if (mapped(m)) m->mapping->known_size.store(std::min(m->mapping->known_size.load(std::memory_order_relaxed), size));
  return m->real->pMethods->xTruncate(m->real, size);
}

int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
  auto* m = self(f);
  const int rc = m->real->pMethods->xFileSize(m->real, size);
  if (rc == SQLITE_OK && mapped(m)) m->mapping->known_size.store(std::min(*size, kMappingLength));
  return rc;
}

int x_sync(sqlite3_file* f, int flags) { return real_methods(f)->xSync(self(f)->real, flags); }
int x_lock(sqlite3_file* f, int level) { return real_methods(f)->xLock(self(f)->real, level); }
int x_unlock(sqlite3_file* f, int level) { return real_methods(f)->xUnlock(self(f)->real, level); }
int x_check_reserved_lock(sqlite3_file* f, int* out) {
  return real_methods(f)->xCheckReservedLock(self(f)->real, out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) { return real_methods(f)->xFileControl(self(f)->real, op, arg); }
int x_sector_size(sqlite3_file* f) { return real_methods(f)->xSectorSize(self(f)->real); }
int x_device_characteristics(sqlite3_file* f) { return real_methods(f)->xDeviceCharacteristics(self(f)->real); }

int x_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  if (real_methods(f)->iVersion < 2) return SQLITE_IOERR;
  return real_methods(f)->xShmMap(self(f)->real, region, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  if (real_methods(f)->iVersion < 2) return SQLITE_IOERR;
  return real_methods(f)->xShmLock(self(f)->real, offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) {
  if (real_methods(f)->iVersion >= 2) real_methods(f)->xShmBarrier(self(f)->real);
}
int x_shm_unmap(sqlite3_file* f, int delete_flag) {
  if (real_methods(f)->iVersion < 2) return SQLITE_OK;
  return real_methods(f)->xShmUnmap(self(f)->real, delete_flag);
}
int x_fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  if (real_methods(f)->iVersion < 3) {
    *out = nullptr;
    return SQLITE_OK;
  }
  return real_methods(f)->xFetch(self(f)->real, offset, amount, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
  if (real_methods(f)->iVersion < 3) return SQLITE_OK;
  return real_methods(f)->xUnfetch(self(f)->real, offset, p);
}

const sqlite3_io_methods kMethods = {
    3,           x_close,       x_read,       x_write,    x_truncate, x_sync,        x_file_size, x_lock,
    x_unlock,    x_check_reserved_lock, x_file_control, x_sector_size, x_device_characteristics,
    x_shm_map,   x_shm_lock,    x_shm_barrier, x_shm_unmap, x_fetch,  x_unfetch,
};

sqlite3_vfs* real_vfs(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

int x_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto* m = new (f) MappedFile();
  m->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + sizeof(MappedFile));
  m->real->pMethods = nullptr;
  auto* base = real_vfs(vfs);
  const int rc = base->xOpen(base, name, m->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (m->real->pMethods) m->real->pMethods->xClose(m->real);
    m->~MappedFile();
    f->pMethods = nullptr;
    return rc;
  }
  f->pMethods = &kMethods;
  if ((flags & SQLITE_OPEN_MAIN_DB) && name) m->mapping = acquire_mapping(name);
  return SQLITE_OK;
}

int x_delete(sqlite3_vfs* v, const char* name, int sync_dir) { return real_vfs(v)->xDelete(real_vfs(v), name, sync_dir); }
int x_access(sqlite3_vfs* v, const char* name, int flags, int* out) {
  return real_vfs(v)->xAccess(real_vfs(v), name, flags, out);
}
int x_full_pathname(sqlite3_vfs* v, const char* name, int n, char* out) {
  return real_vfs(v)->xFullPathname(real_vfs(v), name, n, out);
}
void* x_dl_open(sqlite3_vfs* v, const char* name) { return real_vfs(v)->xDlOpen(real_vfs(v), name); }
void x_dl_error(sqlite3_vfs* v, int n, char* out) { real_vfs(v)->xDlError(real_vfs(v), n, out); }
void (*x_dl_sym(sqlite3_vfs* v, void* handle, const char* symbol))(void) {
  return real_vfs(v)->xDlSym(real_vfs(v), handle, symbol);
}
void x_dl_close(sqlite3_vfs* v, void* handle) { real_vfs(v)->xDlClose(real_vfs(v), handle); }
int x_randomness(sqlite3_vfs* v, int n, char* out) { return real_vfs(v)->xRandomness(real_vfs(v), n, out); }
int x_sleep(sqlite3_vfs* v, int micros) { return real_vfs(v)->xSleep(real_vfs(v), micros); }
int x_current_time(sqlite3_vfs* v, double* out) { return real_vfs(v)->xCurrentTime(real_vfs(v), out); }
int x_get_last_error(sqlite3_vfs* v, int n, char* out) { return real_vfs(v)->xGetLastError(real_vfs(v), n, out); }
int x_current_time_int64(sqlite3_vfs* v, sqlite3_int64* out) {
  return real_vfs(v)->xCurrentTimeInt64(real_vfs(v), out);
}

}  // namespace

const char* mapped_vfs_name() {
  static const char* const name = []() -> const char* {
    sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
    if (!base || base->iVersion < 2) return nullptr;
    static sqlite3_vfs vfs{};
    vfs.iVersion = 2;  // the system-call overrides of version 3 are for SQLite's tests
    vfs.szOsFile = static_cast<int>(sizeof(MappedFile)) + base->szOsFile;
    vfs.mxPathname = base->mxPathname;
    vfs.zName = "varde-mapped";
    vfs.pAppData = base;
    vfs.xOpen = x_open;
    vfs.xDelete = x_delete;
    vfs.xAccess = x_access;
    vfs.xFullPathname = x_full_pathname;
    vfs.xDlOpen = x_dl_open;
    vfs.xDlError = x_dl_error;
    vfs.xDlSym = x_dl_sym;
    vfs.xDlClose = x_dl_close;
    vfs.xRandomness = x_randomness;
    vfs.xSleep = x_sleep;
    vfs.xCurrentTime = x_current_time;
    vfs.xGetLastError = x_get_last_error;
    vfs.xCurrentTimeInt64 = x_current_time_int64;
    if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) return nullptr;
    return vfs.zName;
  }();
  return name;
}

}  // namespace varde::store
