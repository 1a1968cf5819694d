#include "cli/commands.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <thread>
#include <malloc.h>
#include <iostream>

#include "app/app.hpp"
#include "app/migrations.hpp"
#include "http/server.hpp"

namespace varde::cli {

namespace {

// The built UI: --ui, else web/dist beside the binary's build folder, else
// ./web/dist.
std::string find_ui_dir(const std::string& given, const char* argv0) {
  namespace fs = std::filesystem;
  if (!given.empty()) return given;
  std::error_code ec;
  auto exe = fs::canonical("/proc/self/exe", ec);
  if (!ec) {
    for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path())
      if (fs::exists(dir / "web" / "dist" / "index.html")) return (dir / "web" / "dist").string();
  }
  return "web/dist";
}

std::pair<std::string, unsigned short> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw Failure("--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8080");
  try {
    int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    return {listen.substr(0, colon), static_cast<unsigned short>(port)};
  } catch (const std::logic_error&) {
    throw Failure("--listen has an invalid port: " + listen);
  }
}

}  // namespace

int serve(const Globals& g, const ServeOptions& o, const char* argv0) {
  // glibc gives each allocation above 128 KB (a query's sort, a report's
  // buffers) fresh pages from the kernel and returns the top of the heap as
  // soon as 128 KB of it are free, so every request faulted its memory in
  // again; under 64 connections that was a quarter of a measure list's time
  // (docs/performance.md). A server that keeps its memory for the next
  // request runs without that.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  // A connection for every worker, whichever pool it is in (an unset read
  // count is at most the default on either store), and two to spare.
  const int readers = o.workers > 0 ? o.workers : http::default_worker_threads();
  const int writers = o.write_workers > 0 ? o.write_workers : http::default_worker_threads();
  auto db = open_database(g, std::max(16, readers + writers + 2));
  const int version = store::migrate(*db, app::migrations());
  const auto ui_dir = find_ui_dir(o.ui_dir, argv0);
  auto api = app::make_api(*db, ui_dir);
  auto [address, port] = split_listen(o.listen);
  http::ServerOptions so;
  so.address = address;
  so.port = port;
  so.worker_threads = o.workers;
  so.write_threads = o.write_workers;
  so.io_threads = o.io_threads;
  // A read on SQLite never waits (WAL: no lock, the pages in memory), so a
  // reader per core keeps the cores busy; more only time-slice each other and
  // lengthen the tail (docs/performance.md, session 6). On PostgreSQL a read
  // waits for its round trips, so the server's default (two per core) stays.
  // Its I/O threads then get one per two cores: on two cores a second one
  // only competed with the readers (4–14 % more of a heavy read, p99 4–8 %
  // lower, in back-to-back runs; the session read 5 % less).
  if (db->dialect() == store::Dialect::sqlite) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (so.worker_threads == 0) so.worker_threads = cores;
    if (so.io_threads == 0) so.io_threads = std::max(1, cores / 2);
  }
  http::Server server(so, [&api](http::Request& req) { return api->handle(req); });
  unsigned short bound = 0;
  try {
    bound = server.listen();
  } catch (const std::exception& e) {
    throw Failure(e.what());
  }
  spdlog::info("varde {} serving http://{}:{} on {} (schema {}), UI from {}", app::kVersion, address, bound,
               db->describe(), version, ui_dir);
  server.run();
  spdlog::info("varde stopped");
  return 0;
}

}  // namespace varde::cli
