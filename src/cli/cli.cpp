#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

#include "api/problem.hpp"
#include "app/app.hpp"
#include "app/migrations.hpp"
#include "audit/audit.hpp"
#include "auth/access.hpp"
#include "cli/bench_commands.hpp"
#include "cli/commands.hpp"
#include "cli/action_commands.hpp"
#include "cli/commission_commands.hpp"
#include "cli/document_commands.hpp"
#include "cli/risk_commands.hpp"
#include "demo/demo.hpp"
#include "org/store.hpp"
#include "users/store.hpp"

namespace varde::cli {

std::unique_ptr<store::Database> open_database(const Globals& g, int pool_size) {
  try {
    return store::Database::open(g.db, pool_size);
  } catch (const std::exception& e) {
    throw Failure(std::string("cannot open the database: ") + e.what());
  }
}

audit::Actor cli_actor() {
  const char* user = std::getenv("USER");
  return {std::nullopt, std::string("cli:") + (user ? user : "unknown")};
}

namespace {

// Opens the database and brings its schema up to date.
std::unique_ptr<store::Database> ready_database(const Globals& g) {
  auto db = open_database(g);
  store::migrate(*db, app::migrations());
  return db;
}

std::string read_password_stdin() {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) throw Failure("no password on standard input");
  return password;
}

int64_t org_id_by_code(store::Tx& tx, const std::string& code) {
  auto n = org::find_by_code(tx, code);
  if (!n) throw Failure("no organisation with code " + code + " (see `varde org list`)");
  return n->id;
}

users::User user_by_name(store::Tx& tx, const std::string& name) {
  auto u = users::find_by_username(tx, name);
  if (!u) throw Failure("no user named " + name + " (see `varde user list`)");
  return *u;
}

void print_logins() {
  std::cout << "Demo logins (password for all: " << demo::kPassword << "):\n";
  for (const auto& l : demo::logins())
    std::cout << "  " << l.username << std::string(l.username.size() < 18 ? 18 - l.username.size() : 1, ' ') << l.role
              << " – " << l.where << "\n";
}

int init(const Globals& g, bool with_demo) {
  auto db = open_database(g);
  const int version = store::migrate(*db, app::migrations());
  std::cout << "Database " << db->describe() << " is at schema version " << version << ".\n";
  if (with_demo) {
    if (demo::load(*db))
      std::cout << "Demo data loaded.\n";
    else
      std::cout << "The database already has data; no demo data added.\n";
    print_logins();
  }
  // Risk management: every region gets the default 5×5 matrix.
  const int matrices = store::with_write(*db, [](store::Tx& tx) { return risk_ensure_default_matrices(tx); });
  if (matrices) std::cout << "Default risk matrix added to " << matrices << " region(s).\n";
  return 0;
}

int migrate_cmd(const Globals& g) {
  auto db = open_database(g);
  const int before = store::schema_version(*db);
  const int after = store::migrate(*db, app::migrations());
  if (before == after)
    std::cout << "Schema is up to date (version " << after << ").\n";
  else
    std::cout << "Migrated schema from version " << before << " to " << after << ".\n";
  return 0;
}

struct UserAdd {
  std::string name, org, role, display_name, email;
  int leader_level = 0;
  bool password_stdin = false;
};

int user_add(const Globals& g, const UserAdd& o) {
  if (!o.password_stdin) throw Failure("give the password on standard input with --password-stdin");
  if (!auth::is_role(o.role)) throw Failure("unknown role " + o.role + "; roles: admin, security_officer, privacy_officer, leader, contributor, auditor, reader");
  const auto password = read_password_stdin();
  auto db = ready_database(g);
  store::with_write(*db, [&](store::Tx& tx) {
    users::NewUser n;
    n.username = o.name;
    n.display_name = o.display_name.empty() ? o.name : o.display_name;
    if (!o.email.empty()) n.email = o.email;
    n.password = password;
    n.home_org_id = org_id_by_code(tx, o.org);
    auto u = users::create(tx, cli_actor(), n);
    users::NewGrant grant{u.id, n.home_org_id, o.role, std::nullopt};
    if (o.leader_level) grant.leader_level = o.leader_level;
    users::add_grant(tx, cli_actor(), grant);
  });
  std::cout << "User " << o.name << " added with role " << o.role << " at " << o.org << ".\n";
  return 0;
}

int user_passwd(const Globals& g, const std::string& name, bool password_stdin) {
  if (!password_stdin) throw Failure("give the new password on standard input with --password-stdin");
  const auto password = read_password_stdin();
  auto db = ready_database(g);
  store::with_write(*db, [&](store::Tx& tx) {
    auto u = user_by_name(tx, name);
    users::Patch p;
    p.password = password;
    users::update(tx, cli_actor(), u.id, u.version, p);
  });
  std::cout << "Password changed for " << name << "; their sessions have ended.\n";
  return 0;
}

int user_disable(const Globals& g, const std::string& name) {
  auto db = ready_database(g);
  store::with_write(*db, [&](store::Tx& tx) {
    auto u = user_by_name(tx, name);
    users::Patch p;
    p.disabled = true;
    users::update(tx, cli_actor(), u.id, u.version, p);
  });
  std::cout << "User " << name << " is disabled.\n";
  return 0;
}

int user_list(const Globals& g, const std::string& org_code) {
  auto db = ready_database(g);
  auto tx = db->read();
  users::ListQuery q;
  q.limit = 100000;
  if (!org_code.empty()) {
    auto node = org::find_by_code(*tx, org_code);
    if (!node) throw Failure("no organisation with code " + org_code + " (see `varde org list`)");
    q.subtrees = {node->path};
  }
  for (const auto& u : users::list(*tx, q).items) {
    std::cout << u.username << "\t" << u.display_name << "\t" << u.home_org_code << (u.disabled ? "\tdisabled" : "");
    for (const auto& gr : u.grants) {
      std::cout << "\t" << gr.role;
      if (gr.leader_level) std::cout << "(" << *gr.leader_level << ")";
      std::cout << "@" << gr.org_code;
    }
    std::cout << "\n";
  }
  return 0;
}

// The kind a new node most likely has under a parent of `parent_kind`
// ("" for a root).
std::string default_child_kind(const std::string& parent_kind) {
  if (parent_kind.empty() || parent_kind == "nation") return "region";
  if (parent_kind == "region") return "trust";
  return "unit";
}

int org_add(const Globals& g, const std::string& code, const std::string& name, const std::string& parent,
            std::string kind) {
  auto db = ready_database(g);
  auto node = store::with_write(*db, [&](store::Tx& tx) {
    org::NewNode n{code, name, kind, std::nullopt};
    if (!parent.empty()) n.parent_id = org_id_by_code(tx, parent);
    if (n.kind.empty()) n.kind = default_child_kind(n.parent_id ? org::find(tx, *n.parent_id)->kind : "");
    return org::create(tx, cli_actor(), n);
  });
  std::cout << "Organisation " << node.code << " (" << node.name << ", " << node.kind << ") added.\n";
  return 0;
}

int org_list(const Globals& g) {
  auto db = ready_database(g);
  auto tx = db->read();
  org::ListQuery q;
  q.limit = 1000000;
  for (const auto& n : org::list_items(*tx, q)) {
    std::cout << std::string(2 * (org::depth(n.path) - 1), ' ') << n.code << "\t" << n.name << "\t" << n.kind << "\n";
  }
  return 0;
}

int audit_verify(const Globals& g) {
  auto db = open_database(g);
  auto r = audit::verify(*db);
  if (!r.ok) {
    std::cerr << "varde: audit trail broken at event " << r.first_bad_seq.value_or(0) << ": " << r.reason << "\n";
    return 1;
  }
  std::cout << "Audit trail intact: " << r.events_checked << " events verified.\n";
  return 0;
}

int backup(const Globals& g, const std::string& file) {
  auto db = open_database(g);
  try {
    db->backup(file);
  } catch (const std::exception& e) {
    throw Failure(e.what());
  }
  std::cout << "Backup written to " << file << ".\n";
  return 0;
}

// CLI11 reports a mistyped subcommand as "a subcommand is required"; this
// finds the word the user typed so the message can name it.
std::string unknown_command(CLI::App& app, int argc, char** argv) {
  CLI::App* current = &app;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("-", 0) == 0) {
      if (arg.find('=') == std::string::npos && (arg == "--db" || arg == "--log-level")) ++i;
      continue;
    }
    if (current->get_subcommands({}).empty()) return "";  // a positional argument, not a command
    try {
      current = current->get_subcommand(arg);
    } catch (const CLI::OptionNotFound&) {
      return "unknown command «" + arg + "» for «" + current->get_name() + "»";
    }
  }
  return "";
}

void set_log_level(const std::string& level) {
  auto l = spdlog::level::from_str(level);
  spdlog::set_level(l);
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"Varde – styringssystem for informasjonssikkerhet og personvern", "varde"};
  app.require_subcommand(1);
  // Global options (--db, --log-level) may also come after the subcommand.
  app.fallthrough();
  Globals g;
  std::string log_level = "info";
  app.add_option("--db", g.db, "SQLite file or postgresql:// URL")->envname("VARDE_DB")->capture_default_str();
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error")->envname("VARDE_LOG_LEVEL");

  ServeOptions so;
  auto* serve_cmd = app.add_subcommand("serve", "Run the web server");
  serve_cmd->add_option("--listen", so.listen, "ADDRESS:PORT")->envname("VARDE_LISTEN")->capture_default_str();
  serve_cmd->add_option("--ui", so.ui_dir, "Folder with the built web UI")->envname("VARDE_UI_DIR");
  serve_cmd->add_option("--workers", so.workers, "Worker threads for reads (0: by cores and store)")->envname("VARDE_WORKERS");
  serve_cmd->add_option("--write-workers", so.write_workers, "Worker threads for writes (0: by cores)")
      ->envname("VARDE_WRITE_WORKERS");
  serve_cmd->add_option("--io-threads", so.io_threads, "Threads reading and writing HTTP (0: by cores and store)")
      ->envname("VARDE_IO_THREADS");

  bool with_demo = false;
  auto* init_cmd = app.add_subcommand("init", "Create or upgrade the database");
  init_cmd->add_flag("--demo", with_demo, "Load the demo data if the database is empty");

  auto* migrate_sub = app.add_subcommand("migrate", "Bring the schema up to date");

  auto* user_cmd = app.add_subcommand("user", "Manage users");
  user_cmd->require_subcommand(1);
  UserAdd ua;
  auto* user_add_cmd = user_cmd->add_subcommand("add", "Add a user with a role at an organisation");
  user_add_cmd->add_option("name", ua.name, "Username")->required();
  user_add_cmd->add_option("--org", ua.org, "Home organisation code")->required();
  user_add_cmd->add_option("--role", ua.role, "Role at that organisation")->required();
  user_add_cmd->add_option("--leader-level", ua.leader_level, "Leader level 1-4 (role leader)");
  user_add_cmd->add_option("--display-name", ua.display_name, "Full name");
  user_add_cmd->add_option("--email", ua.email, "E-mail");
  user_add_cmd->add_flag("--password-stdin", ua.password_stdin, "Read the password from standard input");
  std::string pw_name;
  bool pw_stdin = false;
  auto* user_passwd_cmd = user_cmd->add_subcommand("passwd", "Set a user's password");
  user_passwd_cmd->add_option("name", pw_name, "Username")->required();
  user_passwd_cmd->add_flag("--password-stdin", pw_stdin, "Read the password from standard input");
  std::string disable_name;
  auto* user_disable_cmd = user_cmd->add_subcommand("disable", "Disable a user and end their sessions");
  user_disable_cmd->add_option("name", disable_name, "Username")->required();
  std::string list_org;
  auto* user_list_cmd = user_cmd->add_subcommand("list", "List users");
  user_list_cmd->add_option("--org", list_org, "Only users under this organisation code");

  auto* org_cmd = app.add_subcommand("org", "Manage the organisation tree");
  org_cmd->require_subcommand(1);
  std::string org_code, org_name, org_parent, org_kind;
  auto* org_add_cmd = org_cmd->add_subcommand("add", "Add an organisation node");
  org_add_cmd->add_option("code", org_code, "Short code, e.g. HNIKT")->required();
  org_add_cmd->add_option("--name", org_name, "Name")->required();
  org_add_cmd->add_option("--parent", org_parent, "Parent code (none: a root)");
  org_add_cmd->add_option("--kind", org_kind, "nation, region, trust, division or unit")
      ->check(CLI::IsMember({"nation", "region", "trust", "division", "unit"}));
  auto* org_list_cmd = org_cmd->add_subcommand("list", "List the organisation tree");

  auto* audit_cmd = app.add_subcommand("audit", "The audit trail");
  audit_cmd->require_subcommand(1);
  auto* verify_cmd = audit_cmd->add_subcommand("verify", "Recompute the hash chain and report the first broken event");

  auto* import_cmd = app.add_subcommand("import", "Import data from files");
  import_cmd->require_subcommand(1);
  auto* export_cmd = app.add_subcommand("export", "Export data to files");
  export_cmd->require_subcommand(1);
  auto* report_cmd = app.add_subcommand("report", "Write reports as files");
  report_cmd->require_subcommand(1);
  CommissionCommands commission_cmds;
  commission_cmds.add(*import_cmd, *export_cmd, *report_cmd);
  RiskCommands risk_cmds;
  risk_cmds.add(*import_cmd, *export_cmd);
  ActionCommands action_cmds;
  action_cmds.add(*import_cmd, *export_cmd);

  BenchCommands bench_cmds;
  bench_cmds.add(app);
  DocumentCommands document_cmds;
  document_cmds.add(*import_cmd, *export_cmd);
  document_cmds.add_user(*user_cmd);

  std::string backup_file;
  auto* backup_cmd = app.add_subcommand("backup", "Write a consistent copy of the SQLite database");
  backup_cmd->add_option("file", backup_file, "Target file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    const bool wants_command = std::string(e.what()).find("subcommand") != std::string::npos;
    auto unknown = wants_command ? unknown_command(app, argc, argv) : "";
    std::cerr << "varde: " << (unknown.empty() ? e.what() : unknown) << " (see --help)\n";
    return 2;
  }

  set_log_level(log_level);
  try {
    if (*serve_cmd) return serve(g, so, argv[0]);
    if (*init_cmd) return init(g, with_demo);
    if (*migrate_sub) return migrate_cmd(g);
    if (*user_add_cmd) return user_add(g, ua);
    if (*user_passwd_cmd) return user_passwd(g, pw_name, pw_stdin);
    if (*user_disable_cmd) return user_disable(g, disable_name);
    if (*user_list_cmd) return user_list(g, list_org);
    if (*org_add_cmd) return org_add(g, org_code, org_name, org_parent, org_kind);
    if (*org_list_cmd) return org_list(g);
    if (*verify_cmd) return audit_verify(g);
    if (*backup_cmd) return backup(g, backup_file);
    if (auto rc = commission_cmds.run(g)) return *rc;
    if (auto rc = risk_cmds.run(g)) return *rc;
    if (auto rc = action_cmds.run(g)) return *rc;
    if (auto rc = bench_cmds.run(g)) return *rc;
    if (auto rc = document_cmds.run(g)) return *rc;
  } catch (const Failure& e) {
    std::cerr << "varde: " << e.what() << "\n";
    return 1;
  } catch (const api::Problem& p) {
    std::cerr << "varde: " << (p.detail.empty() ? p.title : p.detail) << (p.field.empty() ? "" : " (" + p.field + ")")
              << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "varde: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace varde::cli
