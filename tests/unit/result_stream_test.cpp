// Streaming results through the embedding API (issue 10 D4): Database::execute with a
// ResultReceiver hands rows over as they are made and stops when the receiver says so; a
// statement that writes commits before its first row; ResultCursor pulls rows from a statement
// running on its own thread, stops it on close, reads it out before another call uses the
// database, and reports an error met after some rows.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>

#include "engine/error.h"
#include "main/database.h"
#include "main/result_cursor.h"

namespace silkgraph {
namespace {

// Effectively endless: 300^4 rows.
constexpr const char* kEndless = "MATCH (a), (b), (c), (d) RETURN a.i, b.i, c.i, d.i";

class Collect final : public ResultReceiver {
 public:
  explicit Collect(size_t stopAfter = SIZE_MAX) : stopAfter_(stopAfter) {}
  void start(const QueryResult& h) override {
    EXPECT_FALSE(started);
    started = true;
    head = h;
  }
  bool row(std::vector<Value>& values) override {
    EXPECT_TRUE(started);
    rows.push_back(std::move(values));
    return rows.size() < stopAfter_;
  }
  bool started = false;
  QueryResult head;
  std::vector<std::vector<Value>> rows;

 private:
  size_t stopAfter_;
};

void addNodes(Database& db, int n) {
  db.execute("UNWIND range(1, " + std::to_string(n) + ") AS i CREATE (:P {i: i})");
}

TEST(ResultStreamTest, ReceiverGetsEveryRowInOrder) {
  Database db;
  Collect c;
  QueryResult r = db.execute(db.prepare("UNWIND range(1, 5000) AS x RETURN x, x * 2 AS y"), {},
                             ExecuteOptions{}, c);
  ASSERT_TRUE(c.started);
  EXPECT_EQ(c.head.columns, (std::vector<std::string>{"x", "y"}));
  ASSERT_EQ(c.rows.size(), 5000u);
  EXPECT_EQ(c.rows[4999][1].asInt(), 10000);
  EXPECT_TRUE(r.rows.empty());
  EXPECT_EQ(r.columns, c.head.columns);
}

TEST(ResultStreamTest, APointQueryByKeyRunsWhereTheCursorIsOpened) {
  Database db;
  addNodes(db, 300);
  Graph& g = db.graph();
  g.createKeyIndex(g.internLabel("P"), g.internKey("i"));
  const char* point = "MATCH (n:P {i: 7}) RETURN n.i AS i";
  ASSERT_NE(db.execute(std::string("EXPLAIN ") + point).plan.find("NodeIndexSeek (:P key)"),
            std::string::npos);
  // At most one row: run to the end inside openCursor, without a thread of its own.
  auto cursor = db.openCursor(db.prepare(point), {}, ExecuteOptions{});
  EXPECT_TRUE(cursor->ended());
  std::vector<Value> row;
  ASSERT_TRUE(cursor->next(row));
  EXPECT_EQ(row[0].asInt(), 7);
  EXPECT_FALSE(cursor->next(row));
  // A key seek followed by scans still streams (300^3 rows: it cannot have ended).
  auto many =
      db.openCursor(db.prepare("MATCH (n:P {i: 7}), (a:P), (b:P), (c:P) RETURN n.i, a.i, b.i, c.i"),
                    {}, ExecuteOptions{});
  EXPECT_FALSE(many->ended());
  ASSERT_TRUE(many->next(row));
  EXPECT_EQ(row[0].asInt(), 7);
  many->close();
}

TEST(ResultStreamTest, ReceiverStopsTheStatement) {
  Database db;
  addNodes(db, 300);
  Collect c(10);
  auto t0 = std::chrono::steady_clock::now();
  db.execute(db.prepare(kEndless), {}, ExecuteOptions{}, c);
  EXPECT_EQ(c.rows.size(), 10u);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  // ORDER BY on top: the sort holds its rows, then streams them until told to stop.
  Collect sorted(3);
  db.execute(db.prepare("MATCH (n:P) RETURN n.i AS i ORDER BY i DESC"), {}, ExecuteOptions{},
             sorted);
  ASSERT_EQ(sorted.rows.size(), 3u);
  EXPECT_EQ(sorted.rows[0][0].asInt(), 300);
}

TEST(ResultStreamTest, WritesCommitBeforeTheFirstRow) {
  Database db;
  Collect c;
  QueryResult r =
      db.execute(db.prepare("UNWIND range(1, 3) AS i CREATE (n:P {i: i}) RETURN n.i AS i"), {},
                 ExecuteOptions{}, c);
  // The statement had finished when the receiver started: its counters are in the head.
  EXPECT_EQ(c.head.stats.nodesCreated, 3);
  EXPECT_EQ(r.stats.nodesCreated, 3);
  ASSERT_EQ(c.rows.size(), 3u);
  EXPECT_EQ(db.execute("MATCH (n:P) RETURN count(n)").rows[0][0].asInt(), 3);
}

TEST(ResultStreamTest, ProfileAndExplainHandTheirPlanInTheHead) {
  Database db;
  Collect profiled;
  db.execute(db.prepare("PROFILE UNWIND [1, 2] AS x RETURN x"), {}, ExecuteOptions{}, profiled);
  EXPECT_NE(profiled.head.plan.find("Unwind"), std::string::npos) << profiled.head.plan;
  EXPECT_EQ(profiled.rows.size(), 2u);
  Collect explained;
  db.execute(db.prepare("EXPLAIN UNWIND [1, 2] AS x RETURN x"), {}, ExecuteOptions{}, explained);
  EXPECT_TRUE(explained.head.explain);
  EXPECT_TRUE(explained.rows.empty());
}

TEST(ResultStreamTest, CursorPullsAndCloseStops) {
  Database db;
  addNodes(db, 300);
  auto cursor = db.openCursor(db.prepare(kEndless), {}, ExecuteOptions{});
  EXPECT_EQ(cursor->head().columns.size(), 4u);
  std::vector<Value> row;
  for (int i = 0; i < 5000; ++i) ASSERT_TRUE(cursor->next(row));
  EXPECT_FALSE(cursor->ended());
  auto t0 = std::chrono::steady_clock::now();
  cursor->close();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  EXPECT_FALSE(cursor->next(row));
  EXPECT_EQ(db.execute("MATCH (n:P) RETURN count(n)").rows[0][0].asInt(), 300);
}

TEST(ResultStreamTest, AnotherCallReadsTheCursorOutFirst) {
  Database db;
  addNodes(db, 3000);
  auto cursor =
      db.openCursor(db.prepare("MATCH (n:P) RETURN n.i AS i ORDER BY i"), {}, ExecuteOptions{});
  std::vector<Value> row;
  ASSERT_TRUE(cursor->next(row));
  EXPECT_EQ(row[0].asInt(), 1);
  db.execute("MATCH (n:P) DETACH DELETE n");  // waits for the cursor's statement to end
  EXPECT_TRUE(cursor->ended());
  int64_t n = 1;
  while (cursor->next(row)) EXPECT_EQ(row[0].asInt(), ++n);
  EXPECT_EQ(n, 3000);
}

// settle() (what the server's web page calls before reading the graph itself) finishes a
// running cursor's statement; its rows stay readable.
TEST(ResultStreamTest, SettleFinishesTheCursor) {
  Database db;
  addNodes(db, 20000);  // more rows than a cursor makes ahead of its reader
  auto cursor = db.openCursor(db.prepare("MATCH (n:P) RETURN n.i AS i"), {}, ExecuteOptions{});
  std::vector<Value> row;
  ASSERT_TRUE(cursor->next(row));
  EXPECT_FALSE(cursor->ended());  // waiting for its reader
  db.settle();
  EXPECT_TRUE(cursor->ended());
  int64_t n = 1;
  while (cursor->next(row)) ++n;
  EXPECT_EQ(n, 20000);
  db.settle();  // nothing running: returns at once
}

// A paced cursor (the server's, PULL n) makes only the rows its reader allowed plus
// kPacedAhead: counted by its row hook, which runs for each row made.
TEST(ResultStreamTest, APacedCursorMakesOnlyTheRowsAllowed) {
  Database db;
  std::atomic<uint64_t> made{0};
  auto count = [&made](const Graph&, const std::vector<Value>&) { ++made; };
  auto cursor = db.openCursor(db.prepare("UNWIND range(1, 100000) AS x RETURN x"), {},
                              ExecuteOptions{}, count, true);
  cursor->waitFirst();
  uint64_t allowed = ResultCursor::kPacedAhead;
  EXPECT_LE(made.load(), allowed);
  std::vector<Value> row;
  int64_t read = 0;
  for (uint64_t n : {10, 1, 500, 3000}) {
    cursor->allow(n);
    allowed += n;
    for (uint64_t i = 0; i < n; ++i) {
      ASSERT_TRUE(cursor->next(row));
      EXPECT_EQ(row[0].asInt(), ++read);
    }
    EXPECT_LE(made.load(), allowed);
  }
  EXPECT_FALSE(cursor->ended());
  cursor->allow(UINT64_MAX);  // no bound but the queue's
  while (cursor->next(row)) EXPECT_EQ(row[0].asInt(), ++read);
  EXPECT_EQ(read, 100000);
  EXPECT_EQ(made.load(), 100000u);
}

// Another call (here settle()) reads a paced cursor out as any other: its wait for the reader
// ends, and every row stays readable.
TEST(ResultStreamTest, SettleFinishesAPacedCursor) {
  Database db;
  auto cursor = db.openCursor(db.prepare("UNWIND range(1, 20000) AS x RETURN x"), {},
                              ExecuteOptions{}, {}, true);
  std::vector<Value> row;
  ASSERT_TRUE(cursor->next(row));
  EXPECT_FALSE(cursor->ended());  // waiting for the reader to allow more
  db.settle();
  EXPECT_TRUE(cursor->ended());
  int64_t n = 1;
  while (cursor->next(row)) EXPECT_EQ(row[0].asInt(), ++n);
  EXPECT_EQ(n, 20000);
}

// Threads of this process now (/proc/self/status).
int liveThreads() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  return -1;
}

// 1,000 cursors opened on streaming statements make at most kMaxRunning threads: the ones
// over it are refused with an error naming the limit; a cursor closed or read to its end
// makes room again; a statement that runs without a thread is not counted.
TEST(ResultStreamTest, CursorThreadsAreBounded) {
  Database db;
  const PreparedQuery streaming = db.prepare("UNWIND range(1, 100000) AS x RETURN x");
  const size_t most = ResultCursor::kMaxRunning;
  ASSERT_EQ(ResultCursor::running(), 0u);
  const int before = liveThreads();
  ASSERT_GT(before, 0);
  std::vector<std::unique_ptr<ResultCursor>> open;
  size_t refused = 0;
  for (int i = 0; i < 1000; ++i) {
    try {
      open.push_back(db.openCursor(streaming, {}, ExecuteOptions{}));
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::MemoryLimitExceeded);
      EXPECT_EQ(e.detail(), "Cursors");
      EXPECT_NE(std::string(e.what()).find(std::to_string(most) + " cursors already run"),
                std::string::npos)
          << e.what();
      ++refused;
    }
  }
  EXPECT_EQ(open.size(), most);
  EXPECT_EQ(refused, 1000 - most);
  EXPECT_EQ(ResultCursor::running(), most);
  EXPECT_LE(liveThreads() - before, static_cast<int>(most));
  EXPECT_EQ(db.openCursor(db.prepare("RETURN 1 AS one"), {}, ExecuteOptions{})->head().columns,
            std::vector<std::string>{"one"});
  open[0]->close();
  std::vector<Value> row;
  int64_t n = 0;
  while (open[1]->next(row)) ++n;
  EXPECT_EQ(n, 100000);
  EXPECT_EQ(ResultCursor::running(), most - 2);
  open.push_back(db.openCursor(streaming, {}, ExecuteOptions{}));
  ASSERT_TRUE(open.back()->next(row));
  EXPECT_EQ(row[0].asInt(), 1);
  open.clear();  // closes them: their threads end
  EXPECT_EQ(ResultCursor::running(), 0u);
  ResultCursor::setMaxRunning(2);
  auto a = db.openCursor(streaming, {}, ExecuteOptions{});
  auto b = db.openCursor(streaming, {}, ExecuteOptions{});
  EXPECT_THROW(db.openCursor(streaming, {}, ExecuteOptions{}), Error);
  ResultCursor::setMaxRunning(most);
}

TEST(ResultStreamTest, CursorErrorAfterRows) {
  Database db;
  auto cursor = db.openCursor(db.prepare("UNWIND range(1, 5000) AS x RETURN 10 / (x - 4000)"), {},
                              ExecuteOptions{});
  std::vector<Value> row;
  int got = 0;
  try {
    while (cursor->next(row)) ++got;
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ArgumentError) << e.what();
  }
  EXPECT_EQ(got, 3999);
  EXPECT_FALSE(cursor->next(row));
  // The database is usable, and nothing was left open.
  EXPECT_EQ(db.execute("RETURN 1").rows[0][0].asInt(), 1);
}

TEST(ResultStreamTest, CursorOutlivesItsDatabase) {
  auto db = std::make_unique<Database>();
  addNodes(*db, 300);
  auto cursor = db->openCursor(db->prepare(kEndless), {}, ExecuteOptions{});
  std::vector<Value> row;
  ASSERT_TRUE(cursor->next(row));
  db.reset();  // stops the statement
  while (cursor->next(row)) {
  }
  SUCCEED();
}

TEST(ResultStreamTest, CursorTimeout) {
  Database db;
  addNodes(db, 300);
  ExecuteOptions options;
  options.timeoutSeconds = 0.5;
  auto cursor = db.openCursor(db.prepare(kEndless), {}, options);
  std::vector<Value> row;
  try {
    while (cursor->next(row)) {
    }
    FAIL() << "no timeout";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
    EXPECT_EQ(e.detail(), "Timeout");
  }
}

}  // namespace
}  // namespace silkgraph
