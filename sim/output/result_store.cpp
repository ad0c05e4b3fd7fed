#include "freightsim/output/result_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <system_error>

#include "freightsim/output/file_hash.hpp"
#include "freightsim/output/sweep_folder.hpp"
#include "freightsim/output/sweep_tables.hpp"
#include "freightsim/scenario/loader.hpp"
#include "sqlite_db.hpp"

namespace freightsim {

namespace fs = std::filesystem;

namespace {

// Marks a file as a freightsim store (PRAGMA application_id, "FSim") and its schema's version.
constexpr int application_id = 0x4653696d;
constexpr int schema_version = 2;

std::string now_utc() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  // Microseconds: tools/bench/store_overhead.sh reads the time between runs from them.
  const auto us =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() % 1'000'000;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, us);
}

stop_reason reason_of(const std::string& status) {
  return status == "saturated" ? stop_reason::saturated : stop_reason::none;
}

}  // namespace

const std::string& result_store_schema() {
  static const std::string schema = R"(-- One sweep per file.
CREATE TABLE sweep (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,                -- the sweep file's name:
  sweep_file TEXT NOT NULL,          -- as given on the command line
  freightsim_version TEXT NOT NULL,  -- a store is resumed only by the same version
  sweep_sha256 TEXT NOT NULL,        -- identity: seed, replications, precision, max_in_network, metrics,
                                     -- variants
  seed TEXT NOT NULL,                -- every run's seed (decimal, 0 to 2^64-1)
  replications INTEGER NOT NULL,     -- per variant, as asked (with precision: the first round)
  precision REAL,                    -- --precision as a share (0.05); NULL: a fixed number
  max_replications INTEGER NOT NULL, -- with precision its cap, else replications
  replications_used INTEGER,         -- per variant, once complete (runs past it are deleted)
  max_in_network INTEGER NOT NULL,
  metrics TEXT NOT NULL,             -- the metrics of interest, one a line
  complete INTEGER NOT NULL          -- 1 once every run is in and the summary written
);
CREATE TABLE variant (
  variant INTEGER PRIMARY KEY,       -- 0 is the baseline
  name TEXT NOT NULL,
  parameters TEXT NOT NULL,          -- its overrides, PATH=VALUE one a line
  scenario_yaml TEXT NOT NULL,       -- resolved: baselines merged, overrides applied
  scenario_sha256 TEXT NOT NULL,     -- of scenario_yaml
  scenario_dir TEXT NOT NULL         -- where relative paths in it (empirical CSV files) resolve
);
CREATE TABLE metric (                -- every metric a run of the variant measures
  variant INTEGER NOT NULL REFERENCES variant,
  metric INTEGER NOT NULL,           -- 0, 1, ... in the order of runs.csv
  name TEXT NOT NULL,                -- e.g. flows.eu_to_vladivostok.transit_time_h.p95
  entity_kind TEXT NOT NULL,         -- flows | nodes | links | fleets
  entity TEXT NOT NULL,              -- e.g. eu_to_vladivostok
  statistic TEXT NOT NULL,           -- e.g. transit_time_h.p95
  PRIMARY KEY (variant, metric)
) WITHOUT ROWID;
CREATE TABLE session (               -- each invocation of sweep on this file (timings)
  session INTEGER PRIMARY KEY,       -- 1, 2, ...
  started_at TEXT NOT NULL,          -- UTC
  jobs INTEGER NOT NULL
);
CREATE TABLE run (                   -- a finished run, committed alone
  run_id INTEGER PRIMARY KEY,        -- variant x max_replications + replication
  variant INTEGER NOT NULL REFERENCES variant,
  replication INTEGER NOT NULL,      -- 0, 1, ...: its random streams with the seed
  status TEXT NOT NULL,              -- done | saturated (stopped by max_in_network)
  session INTEGER NOT NULL REFERENCES session,  -- timing: which invocation ran it
  seconds REAL NOT NULL,             -- timing: wall time of the run
  finished_at TEXT NOT NULL,         -- timing: UTC
  UNIQUE (variant, replication)
);
CREATE TABLE value (                 -- every metric of every run
  run_id INTEGER NOT NULL REFERENCES run,
  metric INTEGER NOT NULL,
  value REAL,                        -- NULL: none (no transit time of a flow that delivered nothing)
  PRIMARY KEY (run_id, metric)
) WITHOUT ROWID;
CREATE TABLE summary (               -- per metric of interest and variant, as comparison.csv
  metric TEXT NOT NULL,
  variant INTEGER NOT NULL REFERENCES variant,
  mean REAL,                         -- over the variant's replications
  ci95 REAL,                         -- half width; NULL with one replication
  difference REAL,                   -- paired, from the baseline
  difference_ci95 REAL,
  pairs INTEGER NOT NULL,
  significant INTEGER NOT NULL,      -- 1: interval excludes 0 (Bonferroni over the sweep)
  PRIMARY KEY (metric, variant)
);
-- Tidy: one row per run x metric, as `freightsim export` writes it.
CREATE VIEW run_metric AS
  SELECT r.run_id, r.variant, v.name AS variant_name, r.replication, s.seed, r.status,
         m.entity_kind, m.entity, m.statistic AS metric, x.value
  FROM run r JOIN variant v USING (variant) JOIN value x USING (run_id)
  JOIN metric m ON m.variant = r.variant AND m.metric = x.metric CROSS JOIN sweep s;
)";
  return schema;
}

std::string sweep_sha256(const prepared_sweep& sweep, const store_settings& settings,
                         const std::vector<std::string>& scenario_sha256s) {
  std::string text = fmt::format("freightsim sweep\nseed {}\nreplications {}\nmax_in_network {}\n",
                                 sweep.seed, sweep.replications, settings.max_in_network);
  if (settings.precision)
    text += fmt::format("precision {:.17g}\nmax_replications {}\n", settings.precision->relative,
                        settings.precision->max_replications);
  for (const auto& m : sweep.spec.metrics)
    text += "metric " + m.name + "\n";
  for (std::size_t v = 0; v < sweep.variants.size(); ++v)
    text += "variant " + sweep.variants[v].name + "\n" + scenario_sha256s.at(v) + "\n";
  return text_sha256(text);
}

struct result_store::connection {
  fs::path file;
  sqlite::db_handle db;
  stored_sweep header;
  std::int64_t session = 0;
};

result_store::result_store(std::unique_ptr<connection> c) : c_(std::move(c)) {}
result_store::result_store(result_store&&) noexcept = default;
result_store& result_store::operator=(result_store&&) noexcept = default;
result_store::~result_store() = default;

namespace {

sqlite::db_handle open_db(const fs::path& file, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
  sqlite::db_handle db(raw);  // freed even when the open failed
  if (rc != SQLITE_OK)
    throw store_refused(file.string() + ": cannot open: " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(db.get(), 5000);
  return db;
}

int pragma(sqlite3* db, const std::string& name) {
  sqlite::statement s(db, "PRAGMA " + name);
  return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

int table_count(sqlite3* db) {
  sqlite::statement s(db, "SELECT count(*) FROM sqlite_master");
  s.step();
  return static_cast<int>(s.integer(0));
}

// A file that is not an SQLite file at all (SQLite would say only "file is not a database").
store_refused not_sqlite(const fs::path& file) {
  return store_refused(file.string() + ": not a freightsim result store (not an SQLite file)");
}

// The header and variants; store_refused when the file is not a store this version can read.
stored_sweep read_header(sqlite3* db, const fs::path& file) {
  if (pragma(db, "application_id") != application_id)
    throw store_refused(file.string() + ": not a freightsim result store");
  if (pragma(db, "user_version") != schema_version)
    throw store_refused(file.string() + ": a result store of another format (schema version " +
                        std::to_string(pragma(db, "user_version")) + ", this freightsim reads " +
                        std::to_string(schema_version) + ")");
  stored_sweep out;
  sqlite::statement h(db,
                      "SELECT name, sweep_file, freightsim_version, sweep_sha256, seed, replications, "
                      "max_in_network, complete, precision, max_replications, replications_used FROM sweep");
  if (!h.step()) throw store_refused(file.string() + ": a result store without its sweep");
  out.name = h.text(0);
  out.sweep_file = h.text(1);
  out.freightsim_version = h.text(2);
  out.sweep_sha256 = h.text(3);
  out.seed = std::stoull(h.text(4));
  out.replications = static_cast<std::uint32_t>(h.integer(5));
  out.max_in_network = static_cast<std::uint64_t>(h.integer(6));
  out.complete = h.integer(7) != 0;
  if (!std::isnan(h.real(8))) out.precision = h.real(8);
  out.max_replications = static_cast<std::uint32_t>(h.integer(9));
  const double used = h.real(10);  // NULL until complete
  out.replications_used = std::isnan(used) ? out.replications : static_cast<std::uint32_t>(used);
  sqlite::statement v(
      db,
      "SELECT variant, name, parameters, scenario_yaml, scenario_sha256, scenario_dir FROM variant "
      "ORDER BY variant");
  while (v.step())
    out.variants.push_back({static_cast<std::uint32_t>(v.integer(0)),
                            v.text(1),
                            v.text(2),
                            v.text(3),
                            v.text(4),
                            v.text(5),
                            {},
                            {}});
  sqlite::statement m(
      db, "SELECT variant, name, entity_kind, entity, statistic FROM metric ORDER BY variant, metric");
  while (m.step()) {
    auto& sv = out.variants.at(static_cast<std::size_t>(m.integer(0)));
    sv.metric_names.push_back(m.text(1));
    sv.parts.push_back({m.text(2), m.text(3), m.text(4)});
  }
  return out;
}

void create_store(sqlite3* db, const prepared_sweep& sweep, const store_settings& settings) {
  std::vector<std::string> yaml, hashes;
  for (const auto& v : sweep.spec.variants) {
    yaml.push_back(resolved_scenario_yaml(v.scenario, v.overrides));
    hashes.push_back(text_sha256(yaml.back()));
  }
  sqlite::transaction t(db);
  sqlite::exec(db, result_store_schema());
  sqlite::exec(db, fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {};", application_id,
                               schema_version));
  std::string metrics;
  for (const auto& m : sweep.spec.metrics)
    metrics += m.name + "\n";
  sqlite::statement h(db,
                      "INSERT INTO sweep (id, name, sweep_file, freightsim_version, sweep_sha256, seed, "
                      "replications, max_in_network, metrics, complete, precision, max_replications) "
                      "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)");
  h.bind(1, sweep.spec.name)
      .bind(2, sweep.spec.file)
      .bind(3, std::string_view(FREIGHTSIM_VERSION))
      .bind(4, sweep_sha256(sweep, settings, hashes))
      .bind(5, std::to_string(sweep.seed))
      .bind(6, std::int64_t{sweep.replications})
      .bind(7, static_cast<std::int64_t>(settings.max_in_network))
      .bind(8, metrics)
      .bind(9, settings.precision ? settings.precision->relative : std::nan(""))
      .bind(10, std::int64_t{settings.precision ? settings.precision->max_replications : sweep.replications});
  h.step();
  sqlite::statement v(db, "INSERT INTO variant VALUES (?, ?, ?, ?, ?, ?)");
  sqlite::statement m(db, "INSERT INTO metric VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < sweep.variants.size(); ++i) {
    const sweep_variant& spec = sweep.spec.variants[i];
    std::string parameters;
    for (const auto& o : spec.overrides)
      parameters += o.path + "=" + o.value + "\n";
    std::error_code ec;
    const fs::path dir = fs::absolute(spec.scenario, ec).parent_path();
    v.bind(1, static_cast<std::int64_t>(i))
        .bind(2, sweep.variants[i].name)
        .bind(3, parameters)
        .bind(4, yaml[i])
        .bind(5, hashes[i])
        .bind(6, dir.string());
    v.step();
    v.reset();
    const auto& names = sweep.variants[i].metric_names;
    const auto parts = metric_name_parts(sweep.variants[i].model);
    for (std::size_t k = 0; k < names.size(); ++k) {
      m.bind(1, static_cast<std::int64_t>(i))
          .bind(2, static_cast<std::int64_t>(k))
          .bind(3, names[k])
          .bind(4, parts[k].kind)
          .bind(5, parts[k].entity)
          .bind(6, parts[k].statistic);
      m.step();
      m.reset();
    }
  }
  t.commit();
}

std::int64_t count_runs(sqlite3* db) {
  sqlite::statement s(db, "SELECT count(*) FROM run");
  s.step();
  return s.integer(0);
}

}  // namespace

result_store result_store::open_for_sweep(const fs::path& file, const prepared_sweep& sweep,
                                          const store_settings& settings, unsigned jobs, bool resume) {
  std::error_code ec;
  if (fs::file_size(file, ec) > 0 && !ec && !is_sqlite_file(file)) throw not_sqlite(file);
  auto c = std::make_unique<connection>();
  c->file = file;
  c->db = open_db(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3* db = c->db.get();
  try {
    // Another file (not a store, another sweep's) is refused before anything is written to it.
    const bool fresh = table_count(db) == 0;
    if (!fresh) {
      const stored_sweep existing = read_header(db, file);
      if (!resume)
        throw store_refused(file.string() + ": already holds results of sweep '" + existing.name + "' (" +
                            std::to_string(count_runs(db)) +
                            " run(s)); add --resume to finish that sweep, or name a new file");
      if (existing.freightsim_version != FREIGHTSIM_VERSION)
        throw store_refused(file.string() + ": written by freightsim " + existing.freightsim_version +
                            ", this is freightsim " + FREIGHTSIM_VERSION +
                            "; its runs would not match: use a new file");
    }
    // WAL: a commit appends to the log, and readers (sqlite3, export) see the committed runs while the sweep
    // runs. synchronous=NORMAL: a commit survives the process being killed (the log is in the OS's hands);
    // only a power cut may lose the last runs, never corrupt the file.
    sqlite::exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    if (fresh) create_store(db, sweep, settings);
    c->header = read_header(db, file);
    if (resume) {
      std::vector<std::string> hashes;
      for (const auto& v : sweep.spec.variants)
        hashes.push_back(text_sha256(resolved_scenario_yaml(v.scenario, v.overrides)));
      if (c->header.sweep_sha256 != sweep_sha256(sweep, settings, hashes))
        throw store_refused(
            file.string() + ": holds another sweep ('" + c->header.name + "' from " + c->header.sweep_file +
            "; its scenarios, seed, replications, precision, metrics or --max-in-network differ); "
            "use a new file");
    }
    sqlite::transaction t(db);
    sqlite::statement s(db, "INSERT INTO session (started_at, jobs) VALUES (?, ?)");
    s.bind(1, now_utc()).bind(2, std::int64_t{jobs});
    s.step();
    c->session = sqlite3_last_insert_rowid(db);
    t.commit();
  } catch (const sqlite::error& e) {
    throw store_refused(file.string() + ": " + e.what());
  }
  return result_store(std::move(c));
}

result_store result_store::open_for_reading(const fs::path& file) {
  std::error_code ec;
  if (fs::is_directory(file, ec))
    throw store_refused(file.string() +
                        ": a folder, not a result store (give the file `sweep --store` wrote)");
  if (!fs::is_regular_file(file, ec)) throw store_refused(file.string() + ": no such result store");
  if (!is_sqlite_file(file)) throw not_sqlite(file);
  auto c = std::make_unique<connection>();
  c->file = file;
  c->db = open_db(file, SQLITE_OPEN_READONLY);
  try {
    c->header = read_header(c->db.get(), file);
  } catch (const sqlite::error& e) {
    throw store_refused(file.string() + ": " + e.what());
  }
  return result_store(std::move(c));
}

const stored_sweep& result_store::sweep() const {
  return c_->header;
}

namespace {

std::vector<stored_run> select_runs(sqlite3* db, const stored_sweep& header, const std::string& where,
                                    std::int64_t id) {
  std::vector<stored_run> out;
  sqlite::statement r(db, "SELECT run_id, variant, replication, status, session, seconds FROM run " + where +
                              " ORDER BY run_id");
  if (!where.empty()) r.bind(1, id);
  sqlite::statement x(db, "SELECT metric, value FROM value WHERE run_id = ? ORDER BY metric");
  while (r.step()) {
    stored_run run{r.integer(0),
                   static_cast<std::uint32_t>(r.integer(1)),
                   static_cast<std::uint32_t>(r.integer(2)),
                   r.text(3),
                   r.integer(4),
                   r.real(5),
                   {}};
    run.values.assign(header.variants.at(run.variant).metric_names.size(), std::nan(""));
    x.bind(1, run.run_id);
    while (x.step())
      run.values.at(static_cast<std::size_t>(x.integer(0))) = x.real(1);
    x.reset();
    out.push_back(std::move(run));
  }
  return out;
}

}  // namespace

std::vector<stored_run> result_store::runs() const {
  return select_runs(c_->db.get(), c_->header, "", 0);
}

std::optional<stored_run> result_store::run(std::int64_t run_id) const {
  auto found = select_runs(c_->db.get(), c_->header, "WHERE run_id = ?", run_id);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<sweep_run> result_store::committed_sweep_runs() const {
  std::vector<sweep_run> out;
  for (auto& r : runs())
    out.push_back({r.variant, r.replication, reason_of(r.status), r.seconds, std::move(r.values)});
  return out;
}

void result_store::commit(const sweep_run& run) {
  if (run.stopped != stop_reason::none && run.stopped != stop_reason::saturated) return;
  sqlite3* db = c_->db.get();
  const std::int64_t id = std::int64_t{run.variant} * c_->header.max_replications + run.replication;
  sqlite::transaction t(db);
  sqlite::statement r(db, "INSERT INTO run VALUES (?, ?, ?, ?, ?, ?, ?)");
  r.bind(1, id)
      .bind(2, std::int64_t{run.variant})
      .bind(3, std::int64_t{run.replication})
      .bind(4, std::string_view(to_string(run.stopped)))
      .bind(5, c_->session)
      .bind(6, run.seconds)
      .bind(7, now_utc());
  r.step();
  sqlite::statement x(db, "INSERT INTO value VALUES (?, ?, ?)");
  for (std::size_t m = 0; m < run.values.size(); ++m) {
    x.bind(1, id).bind(2, static_cast<std::int64_t>(m)).bind(3, run.values[m]);
    x.step();
    x.reset();
  }
  t.commit();
}

std::vector<metric_comparison> result_store::summary() const {
  sqlite3* db = c_->db.get();
  std::vector<metric_comparison> out;
  sqlite::statement m(db, "SELECT metrics FROM sweep");
  if (!m.step()) return out;
  const std::string names = m.text(0);
  const std::size_t variants = c_->header.variants.size();
  for (std::size_t start = 0; start < names.size();) {
    const std::size_t end = std::min(names.find('\n', start), names.size());
    metric_comparison& c = out.emplace_back();
    c.metric = names.substr(start, end - start);
    c.level.resize(variants, {std::nan(""), std::nullopt});
    c.difference.resize(variants, {std::nan(""), std::nullopt});
    c.pairs.resize(variants, 0);
    c.significant.resize(variants, false);
    start = end + 1;
  }
  sqlite::statement s(
      db,
      "SELECT metric, variant, mean, ci95, difference, difference_ci95, pairs, significant FROM "
      "summary");
  const auto optional = [](double x) { return std::isnan(x) ? std::nullopt : std::optional<double>(x); };
  std::size_t rows = 0;
  while (s.step()) {
    const std::string metric = s.text(0);
    const auto c = std::find_if(out.begin(), out.end(), [&](const auto& x) { return x.metric == metric; });
    const auto v = static_cast<std::size_t>(s.integer(1));
    if (c == out.end() || v >= variants) throw sqlite::error("summary row of an unknown metric or variant");
    c->level[v] = {s.real(2), optional(s.real(3))};
    c->difference[v] = {s.real(4), optional(s.real(5))};
    c->pairs[v] = static_cast<std::uint32_t>(s.integer(6));
    c->significant[v] = s.integer(7) != 0;
    ++rows;
  }
  if (rows == 0) out.clear();
  return out;
}

void result_store::write_summary(const prepared_sweep& sweep,
                                 const std::vector<metric_comparison>& comparisons) {
  sqlite3* db = c_->db.get();
  sqlite::transaction t(db);
  sqlite::exec(db, "DELETE FROM summary");
  sqlite::statement s(db, "INSERT INTO summary VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const auto optional = [](const std::optional<double>& x) { return x.value_or(std::nan("")); };
  for (const auto& c : comparisons)
    for (std::size_t v = 0; v < c.level.size() && v < sweep.variants.size(); ++v) {
      s.bind(1, c.metric)
          .bind(2, static_cast<std::int64_t>(v))
          .bind(3, c.level[v].mean)
          .bind(4, optional(c.level[v].ci95))
          .bind(5, c.difference[v].mean)
          .bind(6, optional(c.difference[v].ci95))
          .bind(7, std::int64_t{c.pairs[v]})
          .bind(8, std::int64_t{c.significant[v] ? 1 : 0});
      s.step();
      s.reset();
    }
  // With --precision the sweep keeps the first replications that reach it: the runs past them (a round's
  // excess, done before the sweep knew) go, so that the store holds what runs.csv holds.
  sqlite::statement drop_values(
      db, "DELETE FROM value WHERE run_id IN (SELECT run_id FROM run WHERE replication >= ?)");
  drop_values.bind(1, std::int64_t{sweep.replications});
  drop_values.step();
  sqlite::statement drop_runs(db, "DELETE FROM run WHERE replication >= ?");
  drop_runs.bind(1, std::int64_t{sweep.replications});
  drop_runs.step();
  sqlite::statement done(db, "UPDATE sweep SET complete = 1, replications_used = ?");
  done.bind(1, std::int64_t{sweep.replications});
  done.step();
  t.commit();
  c_->header.complete = true;
  c_->header.replications_used = sweep.replications;
  // A complete store is only read from now on: out of WAL mode, it is one file again, and the readers
  // (compare, report, export, which open it read-only and cannot clean up after themselves) leave no -wal
  // and -shm files beside it. Another process reading it at this moment keeps it in WAL mode, which is
  // harmless: the store is whole either way.
  try {
    sqlite::exec(db, "PRAGMA journal_mode = DELETE");
  } catch (const sqlite::error&) {
  }
}

}  // namespace freightsim
