// The database behind silkgraph.Database: one statement at a time (a mutex), started with the
// GIL released; Ctrl-C on the main thread and interrupt() from any thread set the engine's
// cancellation flag, also while a result's rows are read; the timeout and memory limit are the
// engine's own (ExecuteOptions). Results stream through a cursor (python/src/native.h).
#include <signal.h>

#include <fstream>
#include <iterator>
#include <optional>

#include "python/src/native.h"  // includes Python.h, which has pythread.h

namespace silkgraph::py {

namespace {

unsigned long g_mainThread = 0;
bool g_haveMainThread = false;

// SIGINT while a statement runs on the main thread: the handler only sets flags (it is
// async-signal-safe); Python's own handler runs afterwards through PyErr_SetInterrupt.
std::atomic<std::atomic<bool>*> g_sigintTarget{nullptr};
std::atomic<bool> g_sigintHit{false};

extern "C" void onSigint(int) {
  g_sigintHit.store(true);
  if (std::atomic<bool>* t = g_sigintTarget.load()) t->store(true);
}

class SigintGuard {
 public:
  explicit SigintGuard(std::atomic<bool>* cancel) {
    if (!g_haveMainThread || PyThread_get_thread_ident() != g_mainThread) return;
    struct sigaction current {};
    if (sigaction(SIGINT, nullptr, &current) != 0) return;
    // Leave SIGINT alone when Python does not handle it (ignored, or the default action).
    if (!(current.sa_flags & SA_SIGINFO) &&
        (current.sa_handler == SIG_IGN || current.sa_handler == SIG_DFL))
      return;
    g_sigintHit.store(false);
    g_sigintTarget.store(cancel);
    struct sigaction ours {};
    ours.sa_handler = onSigint;
    sigemptyset(&ours.sa_mask);
    if (sigaction(SIGINT, &ours, &old_) == 0) installed_ = true;
  }
  ~SigintGuard() { restore(); }
  void restore() {
    if (!installed_) return;
    sigaction(SIGINT, &old_, nullptr);
    g_sigintTarget.store(nullptr);
    installed_ = false;
  }
  bool interrupted() const { return g_sigintHit.load(); }
  bool active() const { return installed_; }

 private:
  struct sigaction old_ {};
  bool installed_ = false;
};

std::string readSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in || in.tellg() >= (64 << 20)) return {};
  in.seekg(0);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs f(database) with the GIL released and the statement lock held; the Error it threw, if
// any, to be raised once the GIL is back.
template <typename F>
std::optional<Error> runWithoutGil(std::mutex& mutex, std::unique_ptr<Database>& db, F&& f) {
  pyb::gil_scoped_release release;
  std::lock_guard lock(mutex);
  try {
    if (!db) throw Error(ErrorKind::ArgumentError, "the database is closed");
    f(*db);
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

}  // namespace

void rememberMainThread() {
  pyb::object main = pyb::module_::import("threading").attr("main_thread")();
  g_mainThread = main.attr("ident").cast<unsigned long>();
  g_haveMainThread = true;
}

DatabaseHandle::DatabaseHandle(unsigned threads, bool readOnly, double timeout, uint64_t maxMemory)
    : db_(std::make_unique<Database>()),
      threads_(threads < 1 ? 1 : threads),
      readOnly_(readOnly),
      timeout_(timeout),
      maxMemory_(maxMemory) {
  db_->setThreads(threads_);
}

void DatabaseHandle::checkOpen() const {
  if (closed_.load()) raiseError(ErrorKind::ArgumentError, "the database is closed");
}

void DatabaseHandle::load(const std::vector<std::string>& paths) {
  checkOpen();
  LoadOptions options;
  options.threads = threads_;
  std::optional<Error> failure =
      runWithoutGil(mutex_, db_, [&](Database& db) { db.load(paths, options); });
  if (failure) {
    // As the shell: show the offending line of the data file, if it is not huge.
    std::string source;
    if (!failure->file().empty() && failure->pos().known()) source = readSmallFile(failure->file());
    raiseError(*failure, source);
  }
}

void DatabaseHandle::open(const std::string& path) {
  checkOpen();
  OpenReport report;
  std::optional<Error> failure = runWithoutGil(
      mutex_, db_, [&](Database& db) { report = db.open(path, OpenOptions{readOnly_}); });
  if (failure) raiseError(*failure, {});
  for (const std::string& w : report.warnings)
    if (PyErr_WarnEx(PyExc_RuntimeWarning, w.c_str(), 1) != 0) throw pyb::error_already_set();
}

void DatabaseHandle::call(const std::function<void(Database&)>& f) {
  checkOpen();
  std::optional<Error> failure = runWithoutGil(mutex_, db_, f);
  if (failure) raiseError(*failure, {});
}

void DatabaseHandle::waitFor(const std::function<void()>& f, const std::string& source) {
  Error failure(ErrorKind::InternalError, "");
  bool failed = false, interrupted = false;
  std::string internal;
  {
    pyb::gil_scoped_release release;
    SigintGuard sigint(&cancel_);
    try {
      f();
    } catch (const Error& e) {
      failure = e;
      failed = true;
    } catch (const std::exception& e) {
      internal = e.what();
      failed = true;
    }
    interrupted = sigint.active() && sigint.interrupted();
    sigint.restore();
  }
  if (interrupted) {
    // Let Python's SIGINT handler run: by default it raises KeyboardInterrupt.
    PyErr_SetInterrupt();
    if (PyErr_CheckSignals() != 0) throw pyb::error_already_set();
  }
  if (!failed) return;
  if (!internal.empty()) raiseError(ErrorKind::InternalError, internal);
  raiseError(failure, source);
}

Execution DatabaseHandle::execute(std::string text, const PreparedQuery* prepared,
                                  const Params& params, double timeout, uint64_t maxMemory,
                                  std::optional<Date> asOf, bool why) {
  checkOpen();
  Execution run;
  run.data = std::make_shared<ResultData>();
  run.data->query = std::move(text);  // not copied: it may hold a 100 MB literal
  const std::string& query = run.data->query;
  waitFor(
      [&] {
        std::lock_guard lock(mutex_);
        cancel_.store(false);
        if (!db_) throw Error(ErrorKind::ArgumentError, "the database is closed");
        ExecuteOptions options;
        options.cancel = &cancel_;
        options.timeoutSeconds = timeout > 0 ? timeout : timeout_;  // checked by the engine
        options.maxMemoryBytes = maxMemory > 0 ? maxMemory : maxMemory_;
        options.asOf = asOf;
        options.why = why;
        PreparedQuery parsed = prepared ? *prepared : db_->prepare(query);
        // Entities are copied out of the graph on the statement's thread, row by row.
        std::shared_ptr<ResultData> data = run.data;
        run.cursor = db_->openCursor(
            parsed, params, options,
            [data](const Graph& g, const std::vector<Value>& row) { snapshotRow(g, row, *data); });
        run.cursor->waitFirst();
        data->result = run.cursor->head();
      },
      query);
  return run;
}

PreparedQuery DatabaseHandle::prepare(const std::string& query) {
  checkOpen();
  PreparedQuery prepared;
  std::optional<Error> failure =
      runWithoutGil(mutex_, db_, [&](Database& db) { prepared = db.prepare(query); });
  if (failure) raiseError(*failure, query);
  return prepared;
}

void DatabaseHandle::save(const std::string& path) {
  checkOpen();
  std::optional<Error> failure = runWithoutGil(mutex_, db_, [&](Database& db) { db.save(path); });
  if (failure) raiseError(*failure, {});
}

void DatabaseHandle::close() {
  if (closed_.exchange(true)) return;
  cancel_.store(true);  // a statement running in another thread stops
  std::optional<Error> failure;
  {
    pyb::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    // An open database file: an open transaction is rolled back, the log checkpointed.
    try {
      if (db_) db_->close();
    } catch (const Error& e) {
      failure = e;
    }
    db_.reset();
  }
  if (failure) raiseError(*failure, {});
}

}  // namespace silkgraph::py
