// Database (main/database.h), the durable part: opening a database file with its write-ahead
// log, logging each commit before it counts, explicit transactions, checkpoints and close.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "engine/graph_file.h"
#include "main/database.h"

namespace silkgraph {

namespace {

[[noreturn]] void stateError(const std::string& message) {
  throw Error(ErrorKind::SemanticError, message, {}, "", ErrorPhase::Runtime);
}

// An existing database file whose file or directory cannot be written (errno set).
bool writableBeside(const std::string& path) {
  if (::access(path.c_str(), F_OK) != 0) return true;  // missing: creating it says why not
  const size_t slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  return ::access(path.c_str(), W_OK) == 0 && ::access(dir.c_str(), W_OK) == 0;
}

}  // namespace

Database::~Database() {
  try {
    close();
  } catch (...) {  // NOLINT(bugprone-empty-catch): close() is the way to see the error
  }
}

size_t Database::checkFile(const std::string& path) {
  return checkGraphFile(path);
}

OpenReport Database::open(const std::string& path, const OpenOptions& options) {
  settleCursor();
  if (isOpen()) throw Error(ErrorKind::IOError, "a database file (" + path_ + ") is already open");
  if (graph_->nodeIdLimit() != 0 || graph_->relIdLimit() != 0 || !schema_.empty()) {
    Error e(ErrorKind::IOError,
            "cannot open a database file into a graph that already holds data or a schema");
    e.setFile(path);
    throw e;
  }
  OpenReport report;
  const std::string walPath = walPathOf(path);
  std::unique_ptr<WriteAheadLog> wal;
  bool readOnly = options.readOnly;
  if (!readOnly && !writableBeside(path)) {
    // As sqlite3 does with a file it may not write: open it for reading, and say so.
    readOnly = true;
    report.warnings.push_back(path + ": Warning: opened read-only: " + std::strerror(errno) +
                              " (the file or its directory cannot be written)");
  }
  if (!readOnly) {
    wal = std::make_unique<WriteAheadLog>(path);  // the lock first: no writer changes it now
    // Missing, or empty (a creation that stopped before the file was written): a new database.
    struct stat st {};
    if ((::stat(path.c_str(), &st) != 0 && errno == ENOENT) ||
        (st.st_size == 0 && S_ISREG(st.st_mode))) {
      Graph empty;
      writeGraphFile(empty, Schema{}, path);
      report.created = true;
    }
    for (const std::string& m : cleanLeftoverTemps(path))
      report.warnings.push_back(path + ": Warning: " + m);
  }
  Graph fresh;
  Schema freshSchema;
  struct stat st {};
  if (readOnly && ::stat(path.c_str(), &st) == 0 && st.st_size == 0 && S_ISREG(st.st_mode)) {
    // An empty file is an empty database (as sqlite3 has it); there is nothing to replay.
    graph_->swap(fresh);
    path_ = path;
    readOnly_ = true;
    return report;
  }
  ProgressPhase progress(progress_, "Opening " + path, 0, ProgressUnit::Bytes);
  DatabaseSnapshot snap = readDatabaseSnapshot(path, wal.get(), fresh, freshSchema);
  const uint64_t base = snap.base;
  const WalReplayReport& replay = snap.replay;
  for (const std::string& w : replay.warnings)
    report.warnings.push_back(walPath + ": Warning: " + w);
  if (wal) {
    if (!replay.headerValid || replay.stale)
      wal->reset(base);
    else
      wal->resume(replay);
  }
  if (fresh.relIdLimit() != snap.relsInFile) fresh.compact(threads_);
  graph_->swap(fresh);
  schema_ = std::move(freshSchema);
  applySchemaIndexes();
  path_ = path;
  readOnly_ = readOnly;
  wal_ = std::move(wal);
  logged_ = CatalogMark::of(*graph_);
  nextSequence_ = replay.stale || !replay.headerValid ? 1 : replay.lastSequence + 1;
  report.recoveredStatements = replay.statements;
  return report;
}

void Database::logCommit() {
  if (!transactionChangedGraph(*graph_)) return;
  if (readOnly_) {
    Error e(ErrorKind::IOError,
            "the database is open read-only; the statement's changes were not applied");
    e.setFile(path_);
    throw e;
  }
  if (!wal_) return;
  CatalogMark mark = logged_;
  wal_->append(encodeRedo(*graph_, nextSequence_, mark, wal_->recordFormat()));
  logged_ = mark;
  ++nextSequence_;
}

void Database::checkpointIfLarge() {
  if (!wal_ || wal_->size() < checkpointBytes_) return;
  try {
    checkpoint();
  } catch (const Error&) {  // NOLINT(bugprone-empty-catch): committed already; retried later
  }
}

void Database::checkpoint() {
  settleCursor();
  if (!wal_) {
    if (readOnly_) throw Error(ErrorKind::IOError, path_ + " is open read-only");
    throw Error(ErrorKind::IOError, "no database file is open (open one first)");
  }
  if (inTransaction()) stateError("cannot checkpoint inside a transaction; commit or roll back");
  {
    ProgressPhase progress(progress_, "Writing " + path_, 0, ProgressUnit::Bytes);
    writeGraphFile(*graph_, schema_, path_);
  }
  wal_->reset(graphFileIdentity(path_));
  nextSequence_ = 1;
  logged_ = CatalogMark::of(*graph_);
}

void Database::close() {
  settleCursor(true);
  if (inTransaction()) rollback();
  if (wal_) {
    if (!wal_->empty()) checkpoint();
    wal_->remove();
    wal_.reset();
  }
  path_.clear();
  readOnly_ = false;
}

void Database::begin() {
  settleCursor();
  if (tx_ != Tx::None) stateError("a transaction is already open (nested ones are not supported)");
  graph_->begin();
  tx_ = Tx::Open;
}

void Database::commit() {
  settleCursor();
  if (tx_ == Tx::None) stateError("no transaction is open");
  if (tx_ == Tx::Failed) {
    tx_ = Tx::None;
    stateError(
        "the transaction failed at an earlier statement and was rolled back; nothing "
        "was committed");
  }
  try {
    logCommit();
  } catch (...) {
    graph_->rollback();
    tx_ = Tx::None;
    throw;
  }
  graph_->commit();
  tx_ = Tx::None;
  checkpointIfLarge();
}

void Database::rollback() {
  settleCursor();
  if (tx_ == Tx::None) stateError("no transaction is open");
  if (tx_ == Tx::Open) graph_->rollback();
  tx_ = Tx::None;
}

}  // namespace silkgraph
