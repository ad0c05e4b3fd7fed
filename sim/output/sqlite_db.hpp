// Thin RAII over SQLite's C API for the result store: a connection and prepared statements, each freed by a
// unique_ptr deleter, and every failure turned into an exception naming the database. Private to the layer.
#pragma once

#include <sqlite3.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace freightsim::sqlite {

// A failed SQLite call: the database's message, prefixed by what was being done.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct close_db {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct finalize_statement {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using db_handle = std::unique_ptr<sqlite3, close_db>;
using statement_handle = std::unique_ptr<sqlite3_stmt, finalize_statement>;

inline void check(sqlite3* db, int rc, std::string_view doing) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw error(std::string(doing) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

// A prepared statement: bind by 1-based index, step, read columns by 0-based index.
class statement {
 public:
  statement(sqlite3* db, std::string_view sql) : db_(db) {
    sqlite3_stmt* raw = nullptr;
    check(db, sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr),
          "preparing " + std::string(sql.substr(0, 40)));
    handle_.reset(raw);
  }

  statement& bind(int i, std::int64_t x) {
    check(db_, sqlite3_bind_int64(handle_.get(), i, x), "binding");
    return *this;
  }
  // NaN (a figure that does not exist) is stored as NULL, as SQLite itself would.
  statement& bind(int i, double x) {
    check(db_, std::isnan(x) ? sqlite3_bind_null(handle_.get(), i) : sqlite3_bind_double(handle_.get(), i, x),
          "binding");
    return *this;
  }
  statement& bind(int i, std::string_view text) {
    check(db_,
          sqlite3_bind_text(handle_.get(), i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT),
          "binding");
    return *this;
  }

  // True while there is a row to read.
  bool step() {
    const int rc = sqlite3_step(handle_.get());
    check(db_, rc, "stepping");
    return rc == SQLITE_ROW;
  }
  // For a statement run again with new values.
  void reset() {
    sqlite3_reset(handle_.get());
    sqlite3_clear_bindings(handle_.get());
  }

  [[nodiscard]] std::int64_t integer(int col) const { return sqlite3_column_int64(handle_.get(), col); }
  [[nodiscard]] double real(int col) const {  // NULL reads back as NaN
    return sqlite3_column_type(handle_.get(), col) == SQLITE_NULL ? std::nan("")
                                                                  : sqlite3_column_double(handle_.get(), col);
  }
  [[nodiscard]] std::string text(int col) const {
    const auto* p = sqlite3_column_text(handle_.get(), col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(handle_.get(), col)))
             : std::string{};
  }

 private:
  sqlite3* db_;
  statement_handle handle_;
};

// Runs SQL text that returns no rows (may hold several statements).
inline void exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  const std::unique_ptr<char, decltype(&sqlite3_free)> owned(message, &sqlite3_free);
  if (rc != SQLITE_OK) throw error(sql.substr(0, 40) + ": " + (message ? message : sqlite3_errstr(rc)));
}

// BEGIN IMMEDIATE ... COMMIT; rolled back if left without commit() (an exception on the way).
class transaction {
 public:
  explicit transaction(sqlite3* db) : db_(db) { exec(db_, "BEGIN IMMEDIATE"); }
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  ~transaction() {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void commit() {
    exec(db_, "COMMIT");
    done_ = true;
  }

 private:
  sqlite3* db_;
  bool done_ = false;
};

}  // namespace freightsim::sqlite
