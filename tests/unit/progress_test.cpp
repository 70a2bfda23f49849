// Progress reporting (common/progress.h): a load tells its listener the bytes read, per
// buffer of rows and not per row, up to the files' total, then the indexing phase; phases end
// also when the load fails. And the shell's summary wording (shell/progress_bar.h).
#include "common/progress.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "loaders/loader.h"
#include "shell/progress_bar.h"
#include "shell/session.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

struct Recorder : ProgressListener {
  struct Phase {
    std::string what;
    uint64_t total = 0;
    ProgressUnit unit = ProgressUnit::Rows;
    std::vector<uint64_t> updates;
    bool ended = false;
  };
  std::vector<Phase> phases;
  void begin(std::string_view what, uint64_t total, ProgressUnit unit) override {
    phases.push_back({std::string(what), total, unit, {}, false});
  }
  void update(uint64_t done) override { phases.back().updates.push_back(done); }
  void end() override { phases.back().ended = true; }
};

// Nations with real ISO codes and one real border (Kazakhstan borders China, mledoze/countries
// in ../shared/data), repeated `rows` times as parallel relationships of an open graph.
void writeFiles(const testing::TempDir& dir, size_t rows) {
  std::ofstream nodes(dir / "nations.csv");
  nodes << "id:ID,:LABEL,name\nKAZ,Nation,Kazakhstan\nCHN,Nation,China\n";
  std::ofstream rels(dir / "borders.csv");
  rels << ":START_ID,:END_ID,:TYPE\n";
  for (size_t i = 0; i < rows; ++i) rels << "KAZ,CHN,BORDERS\n";
}

TEST(Progress, LoadReportsBytesPerBufferUpToTheTotal) {
  testing::TempDir dir("sg-progress");
  constexpr size_t kRows = 300000;
  writeFiles(dir, kRows);
  const uint64_t total = std::filesystem::file_size(dir / "nations.csv") +
                         std::filesystem::file_size(dir / "borders.csv");
  Graph graph;
  Schema schema;
  Recorder rec;
  LoadOptions options;
  options.progress = &rec;
  LoadReport report = loadPaths(graph, schema, {dir.path()}, options);
  EXPECT_EQ(report.relationships, kRows);
  ASSERT_EQ(rec.phases.size(), 2u);
  const Recorder::Phase& load = rec.phases[0];
  EXPECT_EQ(load.what, "Loading");
  EXPECT_EQ(load.unit, ProgressUnit::Bytes);
  EXPECT_EQ(load.total, total);
  EXPECT_TRUE(load.ended);
  ASSERT_FALSE(load.updates.empty());
  EXPECT_EQ(load.updates.back(), total);
  for (size_t i = 1; i < load.updates.size(); ++i)
    EXPECT_LE(load.updates[i - 1], load.updates[i]) << "update " << i;
  // One update per 64 Ki rows and one per file: never one per row.
  EXPECT_GE(load.updates.size(), kRows / 65536);
  EXPECT_LE(load.updates.size(), kRows / 65536 + 2);
  EXPECT_EQ(rec.phases[1].what, "Indexing");
  EXPECT_TRUE(rec.phases[1].ended);
}

TEST(Progress, AFailedLoadEndsItsPhase) {
  testing::TempDir dir("sg-progress");
  writeFiles(dir, 10);
  std::ofstream(dir / "borders.csv", std::ios::app) << "KAZ,XXX,BORDERS\n";
  Graph graph;
  Schema schema;
  Recorder rec;
  LoadOptions options;
  options.progress = &rec;
  EXPECT_THROW(loadPaths(graph, schema, {dir.path()}, options), Error);
  ASSERT_EQ(rec.phases.size(), 1u);
  EXPECT_TRUE(rec.phases[0].ended);
}

TEST(Progress, SummaryWording) {
  EXPECT_EQ(shell::groupDigits(0), "0");
  EXPECT_EQ(shell::groupDigits(999), "999");
  EXPECT_EQ(shell::groupDigits(5000000), "5,000,000");
  EXPECT_EQ(shell::formatDuration(0.012), "12 ms");
  EXPECT_EQ(shell::formatDuration(1.08), "1.1 s");
  EXPECT_EQ(shell::formatDuration(125), "2 min 05 s");
  LoadReport r;
  r.relationships = 5000000;
  r.elapsedMs = 1100;
  EXPECT_EQ(shell::loadSummary(r), "Loaded 5,000,000 relationships in 1.1 s");
  r.nodes = 312;
  EXPECT_EQ(shell::loadSummary(r), "Loaded 312 nodes and 5,000,000 relationships in 1.1 s");
  r.relationships = 0;
  r.nodes = 1;
  EXPECT_EQ(shell::loadSummary(r), "Loaded 1 node in 1.1 s");
}

}  // namespace
}  // namespace silkgraph
