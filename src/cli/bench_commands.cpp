#include "cli/bench_commands.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>

#include "app/migrations.hpp"
#include "bench/dataset.hpp"
#include "cli/progress.hpp"
#include "store/migrate.hpp"

namespace varde::cli {

namespace {

// The database's size on disk: the SQLite file with its WAL, or what
// PostgreSQL reports for the database.
int64_t database_bytes(store::Database& db, const std::string& url) {
  if (db.dialect() == store::Dialect::postgres) {
    auto tx = db.read();
    return tx->scalar_integer("SELECT pg_database_size(current_database())").value_or(0);
  }
  int64_t bytes = 0;
  for (const auto* suffix : {"", "-wal"}) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(url + suffix, ec);
    if (!ec) bytes += static_cast<int64_t>(size);
  }
  return bytes;
}

}  // namespace

void BenchCommands::add(CLI::App& app) {
  auto* bench = app.add_subcommand("bench", "The benchmark's data set");
  bench->require_subcommand(1);
  generate_ = bench->add_subcommand("generate", "Fill an empty database with a region-scale data set");
  generate_->add_option("--scale", scale_, "small, region or national")
      ->check(CLI::IsMember({"small", "region", "national"}))
      ->capture_default_str();
  generate_->add_option("--seed", seed_, "The same seed gives the same data set")->capture_default_str();
  generate_->add_option("--password", password_, "Every generated user's password")->capture_default_str();
}

std::optional<int> BenchCommands::run(const Globals& g) {
  if (!generate_ || !*generate_) return std::nullopt;
  const auto scale = bench::scale_named(scale_);
  if (!scale) throw Failure("unknown scale " + scale_ + " (small, region or national)");
  auto db = open_database(g);
  store::migrate(*db, app::migrations());
  ProgressBar bar;
  const auto started = std::chrono::steady_clock::now();
  const auto summary = bench::generate(*db, *scale, seed_, password_,
                                       [&](const std::string& stage, int64_t done, int64_t total) { bar.update(stage, done, total); });
  bar.finish();
  // PostgreSQL picks the indexes of the list pages only once it has the
  // tables' statistics (right after generating, the lists took 35–64 ms,
  // after ANALYZE 19–23 ms), and counts from an index without reading the
  // table only once VACUUM has marked its pages (a trust's report 3.7 ms
  // before, 2.1 ms after): docs/performance.md. Autovacuum does both later;
  // the benchmark runs now.
  db->refresh_statistics();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "Generated the " << scale->name << " data set (seed " << seed_ << ") in " << std::fixed
            << std::setprecision(1) << seconds << " s: " << summary.orgs << " organisation nodes, " << summary.users
            << " users, " << summary.requirements << " requirements, " << summary.entries << " report entries, " << summary.measures
            << " measures with " << summary.measure_updates << " progress updates, " << summary.assessments
            << " risk assessments with " << summary.risks << " risks, " << summary.documents
            << " governing documents with " << summary.document_versions << " versions, " << summary.audit_events
            << " audit events.\n"
            << "Database size: " << std::setprecision(1) << database_bytes(*db, g.db) / (1024.0 * 1024.0) << " MB.\n"
            << "Logins: bench.admin, bench.region, bench.trust (password " << password_ << ").\n";
  return 0;
}

}  // namespace varde::cli
